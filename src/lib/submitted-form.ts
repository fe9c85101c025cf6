/** What a person typed into a form, to show it again beside what to fix. */

/** The posted form fields, or undefined for a GET or a body that is not a form. */
export async function submittedForm(request: Request): Promise<FormData | undefined> {
  if (request.method !== 'POST') return undefined;
  return request.formData().catch(() => undefined);
}
