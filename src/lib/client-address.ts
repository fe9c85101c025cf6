/**
 * The client's address for throttling and the audit log. Behind `trustedProxyHops` proxies, each
 * proxy appends the address it received from to `X-Forwarded-For`, so the client is the entry that
 * many places from the right; anything further left was written by the client and is ignored.
 */

/** The client address from the socket address and the X-Forwarded-For header. */
export function clientAddress(
  socketAddress: string,
  forwardedFor: string | null,
  trustedProxyHops: number,
): string {
  if (trustedProxyHops <= 0 || !forwardedFor) return socketAddress;
  const hops = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return hops[hops.length - trustedProxyHops] ?? hops[0] ?? socketAddress;
}
