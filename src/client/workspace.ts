/**
 * In the browser, on a module's static page: the signed-in person's workspace, loaded only for
 * someone signed in (`./page-state.ts`). From the page's one personal request it shows the module's status, their saved answers (graded by the server, with
 * each explanation) and their reflections; then it saves each answer as it is checked, and each
 * reflection when they pause typing and when they leave the box, saying "Saved" or "Not saved"
 * beside it. A failed save leaves the text where it is. Signed out, it does nothing.
 */
import { actions } from 'astro:actions';
import { passMarkSentence } from '~/lib/grading';
import { STATUS_LABELS } from '~/lib/module-status';
import { chosenOption, showResult } from './knowledge-check';
import type { WorkspaceView } from './page-state';

const SAVE_AFTER_PAUSE_MS = 1000;

interface SaveError {
  code?: string;
  message?: string;
  /** An input error's sentences, by field. */
  fields?: Record<string, string[] | undefined>;
}

/** What went wrong with a save, as the end of "Not saved: ...". */
function problemOf(error: SaveError | undefined): string {
  const sentence = error?.fields
    ? Object.values(error.fields).find((messages) => messages?.length)?.[0]
    : error?.message;
  const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
  if (!error?.code) return 'check your connection, then try again.';
  if (error.code === 'UNAUTHORIZED')
    return 'you have been signed out. Copy your text, sign in again in another tab, then try again.';
  if (error.code === 'TOO_MANY_REQUESTS')
    return 'too many saves at once. Wait a moment, then try again.';
  if (sentence && error.code !== 'INTERNAL_SERVER_ERROR') return lowerFirst(sentence);
  return 'something went wrong on our side. Try again in a moment.';
}

/** Calls an action, turning a network failure into an error like the action's own. */
async function call<T>(
  action: (input: FormData) => Promise<{ data?: T; error?: { code: string; message: string } }>,
  fields: Record<string, string>,
): Promise<{ data?: T; error?: SaveError }> {
  const input = new FormData();
  for (const [name, value] of Object.entries(fields)) input.set(name, value);
  try {
    return await action(input);
  } catch {
    return { error: {} };
  }
}

function renderStatus(workspace: WorkspaceView): void {
  const status = STATUS_LABELS[workspace.status];
  const panel = document.querySelector<HTMLElement>('#module-progress')!;
  panel.querySelector('[data-status]')!.textContent = status.toLowerCase();
  panel.querySelector('[data-needed]')!.textContent =
    workspace.status === 'complete' ? '' : (passMarkSentence(workspace.grade) ?? '');
  panel.querySelector<HTMLElement>('[data-complete]')!.hidden =
    workspace.status === 'complete' || !workspace.grade.passed;
  panel.querySelector<HTMLElement>('[data-reopen]')!.hidden = workspace.status !== 'complete';
  const badge = document.querySelector<HTMLElement>('[data-module-status]');
  if (badge) {
    badge.querySelector('[data-status-text]')!.textContent = status;
    badge.dataset.status = workspace.status;
    badge.hidden = false;
  }
}

function showSavedAnswers(workspace: WorkspaceView): void {
  for (const [checkId, saved] of Object.entries(workspace.answers)) {
    const form = document.querySelector<HTMLFormElement>(
      `form[data-check][data-check-id="${CSS.escape(checkId)}"]`,
    );
    if (!form) continue;
    const radio = form.querySelectorAll<HTMLInputElement>('input[type=radio]')[saved.option];
    if (!radio) {
      showResult(
        form,
        false,
        `Your saved answer, “${saved.given}”, is no longer one of the options. Choose again.`,
      );
      continue;
    }
    radio.checked = true;
    showResult(
      form,
      saved.correct,
      saved.correct
        ? 'Your saved answer is right.'
        : 'Your saved answer is not right. Read why, then choose another answer.',
    );
  }
}

function saveAnswers(moduleId: string): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-check]')) {
    const saved = form.querySelector<HTMLElement>('[data-saved]')!;
    form.addEventListener('change', () => {
      saved.textContent = '';
      delete saved.dataset.failed;
    });
    form.addEventListener('submit', async () => {
      const option = chosenOption(form);
      if (option === undefined) return;
      saved.textContent = '';
      delete saved.dataset.failed;
      const { data, error } = await call(actions.progress.answer, {
        moduleId,
        checkId: form.dataset.checkId!,
        option,
      });
      if (!data) {
        saved.dataset.failed = '';
        saved.textContent = `Not saved: ${problemOf(error)}`;
        return;
      }
      saved.textContent = 'Your answer is saved.';
      renderStatus(data);
    });
  }
}

/** Saves one reflection box: after a pause in typing, when it loses focus, and on "Try again". */
class ReflectionBox {
  readonly textarea: HTMLTextAreaElement;
  private readonly moduleId: string;
  private readonly state: HTMLElement;
  private readonly retry: HTMLButtonElement;
  private savedText: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
  /** Whether the person has typed since the box last said how things stand. */
  private edited = false;

  constructor(element: HTMLElement, moduleId: string, saved: string) {
    this.moduleId = moduleId;
    this.textarea = element.querySelector('textarea')!;
    this.state = element.querySelector('[data-save-state]')!;
    this.retry = element.querySelector('[data-retry]')!;
    this.savedText = saved;
    this.textarea.value = saved;
    this.textarea.addEventListener('input', () => {
      this.edited = true;
      this.say('');
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.save(), SAVE_AFTER_PAUSE_MS);
    });
    this.textarea.addEventListener('blur', () => void this.save());
    this.retry.addEventListener('click', () => void this.save());
  }

  /** Whether the box holds text that is not saved yet. */
  get unsaved(): boolean {
    return this.textarea.value !== this.savedText;
  }

  /** Saves the box's text unless it is saved already; one save at a time, the latest text last. */
  async save(): Promise<void> {
    clearTimeout(this.timer);
    while (this.saving) await this.saving;
    if (!this.unsaved) {
      // Typed back to what is saved (after a refusal, say): that is worth saying too.
      if (this.edited) this.say('Saved');
      return;
    }
    this.saving = this.send().finally(() => (this.saving = undefined));
    await this.saving;
  }

  private async send(): Promise<void> {
    const text = this.textarea.value;
    const { data, error } = await call(actions.progress.reflect, {
      moduleId: this.moduleId,
      promptId: this.textarea.closest<HTMLElement>('[data-prompt-id]')!.dataset.promptId!,
      text,
    });
    if (!data) {
      this.say(`Not saved: ${problemOf(error)}`, true);
      return;
    }
    this.savedText = text;
    // Typing went on while this was saved: the next pause or leaving the box saves that too.
    if (!this.unsaved) this.say('Saved');
  }

  private say(message: string, failed = false): void {
    if (message) this.edited = false;
    this.state.textContent = message;
    if (failed) this.state.dataset.failed = '';
    else delete this.state.dataset.failed;
    this.retry.hidden = !failed;
  }
}

function saveReflections(moduleId: string, workspace: WorkspaceView): ReflectionBox[] {
  return [...document.querySelectorAll<HTMLElement>('[data-prompt-id]')].map(
    (element) =>
      new ReflectionBox(element, moduleId, workspace.reflections[element.dataset.promptId!] ?? ''),
  );
}

/** Before the completion forms post, and before the page is left, nothing typed may be lost. */
function protectUnsavedText(boxes: ReflectionBox[]): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('#module-progress form')) {
    form.addEventListener('submit', (event) => {
      if (!boxes.some((box) => box.unsaved)) return;
      event.preventDefault();
      void Promise.all(boxes.map((box) => box.save())).then(() => {
        if (!boxes.some((box) => box.unsaved)) form.submit();
      });
    });
  }
  window.addEventListener('beforeunload', (event) => {
    if (boxes.some((box) => box.unsaved)) event.preventDefault();
  });
}

/** Says what the completion forms did, after `/me/progress` redirected back here. */
function confirmCompletion(): void {
  const url = new URL(location.href);
  const done = url.searchParams.get('progress');
  if (!done) return;
  url.searchParams.delete('progress');
  history.replaceState(history.state, '', url);
  const panel = document.querySelector<HTMLElement>('#module-progress')!;
  panel.querySelector('[data-confirmation]')!.textContent =
    done === 'complete' ? 'Marked as complete.' : 'Marked as not complete.';
  panel.scrollIntoView({ block: 'start' });
  panel.querySelector<HTMLElement>('h2')!.focus();
}

/** Shows the signed-in person's workspace on this module's page and starts saving their work. */
export function startWorkspace(workspace: WorkspaceView): void {
  const panel = document.querySelector<HTMLElement>('#module-progress[data-module-id]');
  if (!panel) return;
  const moduleId = panel.dataset.moduleId!;
  for (const element of document.querySelectorAll<HTMLElement>('[data-signed-out-only]'))
    element.hidden = true;
  for (const element of document.querySelectorAll<HTMLElement>('[data-signed-in-only]'))
    element.hidden = false;
  panel.hidden = false;
  renderStatus(workspace);
  showSavedAnswers(workspace);
  saveAnswers(moduleId);
  protectUnsavedText(saveReflections(moduleId, workspace));
  confirmCompletion();
}
