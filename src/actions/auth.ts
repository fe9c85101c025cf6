/** Signing in and out, invitations, password resets and the account page. */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { db, sessionLifetimes, siteUrl } from '~/server/config';
import { acceptInvitation } from '~/server/invitations';
import { requestPasswordReset, resetPassword } from '~/server/password-resets';
import {
  clearSessionCookies,
  readDeviceCookie,
  setDeviceCookie,
  setSessionCookies,
} from '~/server/session-cookies';
import { createSession } from '~/server/sessions';
import { signIn, signOut, signOutEverywhereElse } from '~/server/sign-in';
import { allowFromAddress } from '~/server/throttle';
import { trustDevice } from '~/server/trusted-devices';
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

/** Trusts this browser for a person who has just proved who they are with an emailed link. */
async function trustThisBrowser(context: ActionAPIContext, userId: string) {
  const presented = readDeviceCookie(context.cookies, siteUrl);
  const device = await writeTransaction(db(), (tx) => trustDevice(tx, userId, presented));
  setDeviceCookie(context.cookies, siteUrl, device);
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
          deviceToken: readDeviceCookie(context.cookies, siteUrl),
        });
        setSessionCookies(context.cookies, siteUrl, session);
        setDeviceCookie(context.cookies, siteUrl, session.device);
        return { name: session.user.name };
      }),
  }),

  logout: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = requireUser(context);
      await signOut(db(), context.locals.sessionId!, user.id, context.locals.clientAddress);
      clearSessionCookies(context.cookies, siteUrl);
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
        setSessionCookies(
          context.cookies,
          siteUrl,
          await createSession(db(), user, sessionLifetimes),
        );
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
        await requestPasswordReset(db(), siteUrl, input.email, context.locals.clientAddress);
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
        setSessionCookies(
          context.cookies,
          siteUrl,
          await createSession(db(), user, sessionLifetimes),
        );
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
        setSessionCookies(
          context.cookies,
          siteUrl,
          await createSession(db(), user, sessionLifetimes),
        );
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
