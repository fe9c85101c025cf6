/**
 * Email settings from environment variables, read the same way by the server (through astro:env)
 * and by command-line scripts (from process.env), and the settings the server refuses to start with.
 */

type Value = string | number | boolean | undefined;

export interface MailSettings {
  NODE_ENV?: Value;
  MAIL_TRANSPORT?: Value;
  ALLOW_OUTBOX?: Value;
  OUTBOX_DIR?: Value;
  MAIL_FROM?: Value;
  SMTP_HOST?: Value;
  SMTP_PORT?: Value;
  SMTP_SECURE?: Value;
  SMTP_USER?: Value;
  SMTP_PASSWORD?: Value;
}

export interface MailConfig {
  transport: 'smtp' | 'outbox';
  from: string;
  outboxDir: string;
  smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string };
}

const text = (value: Value) => (value === undefined || value === '' ? undefined : String(value));
const flag = (value: Value) => value === true || value === 'true';

/** The mail configuration the settings describe. */
export function mailConfigFrom(settings: MailSettings): MailConfig {
  const host = text(settings.SMTP_HOST);
  const user = text(settings.SMTP_USER);
  const password = text(settings.SMTP_PASSWORD);
  return {
    transport: settings.MAIL_TRANSPORT === 'smtp' ? 'smtp' : 'outbox',
    from: text(settings.MAIL_FROM) ?? 'Flipside <no-reply@localhost>',
    outboxDir: text(settings.OUTBOX_DIR) ?? '.data/outbox',
    ...(host
      ? {
          smtp: {
            host,
            port: Number(settings.SMTP_PORT ?? 587),
            secure: flag(settings.SMTP_SECURE),
            ...(user ? { user } : {}),
            ...(password ? { password } : {}),
          },
        }
      : {}),
  };
}

/** Why the server must not start with these settings, or undefined when it may. */
export function mailSettingsProblem(settings: MailSettings): string | undefined {
  const transport = text(settings.MAIL_TRANSPORT) ?? 'outbox';
  if (transport !== 'outbox' && transport !== 'smtp') {
    return `MAIL_TRANSPORT is "${transport}": set it to smtp or outbox.`;
  }
  if (transport === 'smtp' && !text(settings.SMTP_HOST)) {
    return 'MAIL_TRANSPORT is "smtp" but SMTP_HOST is not set: set SMTP_HOST (and SMTP_PORT, SMTP_USER, SMTP_PASSWORD as your mail server needs).';
  }
  if (
    settings.NODE_ENV === 'production' &&
    transport === 'outbox' &&
    !flag(settings.ALLOW_OUTBOX)
  ) {
    return 'MAIL_TRANSPORT is "outbox" with NODE_ENV=production: invitations would go to a folder on this server, not to people. Set MAIL_TRANSPORT=smtp with SMTP_* settings, or ALLOW_OUTBOX=true if that is really what you want.';
  }
  return undefined;
}
