/** The outbox writes emails to disk: fine on a laptop, refused in production unless explicitly allowed. */

/** Why the server must not start with these settings, or undefined when it may. */
export function outboxRefusal(env: {
  NODE_ENV?: string | undefined;
  MAIL_TRANSPORT?: string | undefined;
  ALLOW_OUTBOX?: string | boolean | undefined;
}): string | undefined {
  const transport = env.MAIL_TRANSPORT || 'outbox';
  const allowed = env.ALLOW_OUTBOX === true || env.ALLOW_OUTBOX === 'true';
  if (env.NODE_ENV === 'production' && transport === 'outbox' && !allowed) {
    return 'MAIL_TRANSPORT is "outbox" with NODE_ENV=production: invitations would go to a folder on this server, not to people. Set MAIL_TRANSPORT=smtp with SMTP_* settings, or ALLOW_OUTBOX=true if that is really what you want.';
  }
  return undefined;
}
