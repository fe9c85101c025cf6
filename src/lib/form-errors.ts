/** Turns an action's error into what a form shows: a sentence per field, or one for the whole form. */

interface ActionErrorLike {
  message: string;
  fields?: Record<string, string[] | undefined>;
}

/** The first message for each field that has one, and a general message when no field is to blame. */
export function formErrors(error: ActionErrorLike | undefined): {
  fields: Record<string, string | undefined>;
  general?: string;
} {
  if (!error) return { fields: {} };
  if (error.fields) {
    const fields = Object.fromEntries(
      Object.entries(error.fields).map(([name, messages]) => [name, messages?.[0]]),
    );
    return { fields };
  }
  return { fields: {}, general: error.message };
}

/** One sentence for a form whose fields are all hidden, such as a button beside a person's name. */
export function formProblem(error: ActionErrorLike | undefined): string | undefined {
  const { fields, general } = formErrors(error);
  return general ?? Object.values(fields).find(Boolean);
}

/** The ids of a field's hint and error, for its control's `aria-describedby` (FieldFrame renders them). */
export function describedBy(
  id: string,
  hint: string | undefined,
  error: string | undefined,
): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}
