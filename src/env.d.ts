/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person, set by the middleware on on-demand requests; pages and actions check access themselves. */
    user?: import('./server/sessions').SessionUser;
    sessionId?: string;
    /** The client's address (socket, or X-Forwarded-For counted TRUSTED_PROXY_HOPS from the right). */
    clientAddress: string;
  }
}
