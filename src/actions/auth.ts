/** Signing in and out, invitations, password resets and the account page. */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { SIGNED_IN_HINT } from '~/lib/session-policy';
import { db, mail, sessionLifetimes, siteUrl } from '~/server/config';
import { acceptInvitation } from '~/server/invitations';
import { requestPasswordReset, resetPassword } from '~/server/password-resets';
import { createSession, sessionCookieName, sessionCookieOptions } from '~/server/sessions';
import { signIn, signOut, signOutEverywhereElse } from '~/server/sign-in';
import { allowFromAddress } from '~/server/throttle';
import { deviceCookieName, trustDevice } from '~/server/trusted-devices';
import { writeTransaction } from '~/server/db';
import { changePassword, renameUser } from '~/server/users';
import { requireUser, withUserFacingErrors } from './access';
import {
  currentPassword,
  email,
  linkToken as token,
  newPassword,
  password,
  personName as name,
} from './fields';

const cookieName = sessionCookieName(siteUrl);
const deviceCookie = deviceCookieName(siteUrl);

/** Sets the session cookie and the script-readable hint that someone is signed in. */
function startBrowserSession(
  context: ActionAPIContext,
  session: { token: string; expiresAt: number },
) {
  const options = sessionCookieOptions(siteUrl, session.expiresAt);
  context.cookies.set(cookieName, session.token, options);
  context.cookies.set(SIGNED_IN_HINT, '1', { ...options, httpOnly: false });
}

/** Keeps the trusted-device cookie, so this browser's sign-ins skip its address's allowance. */
function keepDeviceCookie(context: ActionAPIContext, device: { token: string; expiresAt: number }) {
  context.cookies.set(deviceCookie, device.token, {
    ...sessionCookieOptions(siteUrl, device.expiresAt),
    sameSite: 'strict',
  });
}

/** Trusts this browser for a person who has just proved who they are with an emailed link. */
async function trustThisBrowser(context: ActionAPIContext, userId: string) {
  const presented = context.cookies.get(deviceCookie)?.value;
  keepDeviceCookie(
    context,
    await writeTransaction(db(), (tx) => trustDevice(tx, userId, presented)),
  );
}

function endBrowserSession(context: ActionAPIContext) {
  context.cookies.delete(cookieName, { path: '/' });
  context.cookies.delete(SIGNED_IN_HINT, { path: '/' });
}

/** Token-link forms drain the address's bucket on every post, so links cannot be guessed or mail bombed. */
async function refuseBusyAddress(context: ActionAPIContext) {
  if (!(await allowFromAddress(db(), context.locals.clientAddress))) {
    throw new ActionError({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many attempts from your network. Try again in a few minutes.',
    });
  }
}

export const auth = {
  login: defineAction({
    accept: 'form',
    input: z.object({ email, password }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const session = await signIn(db(), sessionLifetimes, {
          ...input,
          clientAddress: context.locals.clientAddress,
          deviceToken: context.cookies.get(deviceCookie)?.value,
        });
        startBrowserSession(context, session);
        keepDeviceCookie(context, session.device);
        return { name: session.user.name };
      }),
  }),

  logout: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = requireUser(context);
      await signOut(db(), context.locals.sessionId!, user.id, context.locals.clientAddress);
      endBrowserSession(context);
      return { signedOut: true };
    },
  }),

  acceptInvitation: defineAction({
    accept: 'form',
    input: z.object({ token, name, password: newPassword }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        await refuseBusyAddress(context);
        const user = await acceptInvitation(db(), input.token, input, context.locals.clientAddress);
        startBrowserSession(context, await createSession(db(), user, sessionLifetimes));
        await trustThisBrowser(context, user.id);
        return { name: user.name };
      }),
  }),

  requestReset: defineAction({
    accept: 'form',
    input: z.object({ email }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        await refuseBusyAddress(context);
        await requestPasswordReset(
          db(),
          mail(),
          siteUrl,
          input.email,
          context.locals.clientAddress,
        );
        return { email: input.email };
      }),
  }),

  resetPassword: defineAction({
    accept: 'form',
    input: z.object({ token, password: newPassword }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        await refuseBusyAddress(context);
        const user = await resetPassword(
          db(),
          input.token,
          input.password,
          context.locals.clientAddress,
        );
        startBrowserSession(context, await createSession(db(), user, sessionLifetimes));
        await trustThisBrowser(context, user.id);
        return { name: user.name };
      }),
  }),

  rename: defineAction({
    accept: 'form',
    input: z.object({ name }),
    handler: async (input, context) => {
      const user = requireUser(context);
      await renameUser(db(), user.id, input.name);
      // The page that shows the result has its header still to render: greet them by the new name.
      context.locals.user = { ...user, name: input.name };
      return { name: input.name };
    },
  }),

  changePassword: defineAction({
    accept: 'form',
    input: z.object({ current: currentPassword, password: newPassword }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const user = requireUser(context);
        await changePassword(
          db(),
          user.id,
          input.current,
          input.password,
          context.locals.clientAddress,
        );
        startBrowserSession(context, await createSession(db(), user, sessionLifetimes));
        return { changed: true };
      }),
  }),

  signOutEverywhere: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = requireUser(context);
      await signOutEverywhereElse(
        db(),
        context.locals.sessionId!,
        user.id,
        context.locals.clientAddress,
      );
      return { signedOutElsewhere: true };
    },
  }),
};
