/** In the browser: how a knowledge-check question shows its result, for the instant check and saved answers alike. */

/** Shows whether the chosen answer is right, with the question's explanation. */
export function showResult(form: HTMLFormElement, correct: boolean, sentence?: string): void {
  form.dataset.state = correct ? 'correct' : 'incorrect';
  form.querySelector<HTMLElement>('.result')!.textContent =
    sentence ?? (correct ? 'Correct.' : 'Not quite. Read why, then choose another answer.');
  form.querySelector<HTMLElement>('.explanation')!.hidden = false;
}

/** Clears the result once another answer is chosen. */
export function clearResult(form: HTMLFormElement): void {
  delete form.dataset.state;
  form.querySelector<HTMLElement>('.result')!.textContent = '';
}

/** The option chosen in the question's form, if any. */
export function chosenOption(form: HTMLFormElement): string | undefined {
  return form.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value;
}
