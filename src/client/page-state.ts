/**
 * In the browser: the one request a static page makes for what is personal on it (`/me/state.json`),
 * shared by the header, the sidebar and a module's workspace, and made only when the signed-in hint
 * cookie says someone is signed in. A signed-out view asks for nothing.
 */
import type { ModuleWorkspace, PageState } from '~/server/progress';
import { SIGNED_IN_HINT } from '~/lib/session-policy';

export type { ModuleWorkspace };

export interface PersonalState extends PageState {
  user: { name: string; role: string };
}

let request: Promise<PersonalState | undefined> | undefined;

/** Whether the hint cookie says someone is signed in. */
export function maybeSignedIn(): boolean {
  return document.cookie.split('; ').includes(`${SIGNED_IN_HINT}=1`);
}

/** The module whose workspace this page holds, if it is a module's page. */
function moduleOnThisPage(): string | undefined {
  return document.querySelector<HTMLElement>('[data-module-id]')?.dataset.moduleId;
}

/** The signed-in person's state for this page, or undefined when nobody is signed in. */
export function personalState(): Promise<PersonalState | undefined> {
  request ??= (async () => {
    if (!maybeSignedIn()) return undefined;
    const moduleId = moduleOnThisPage();
    const url = moduleId
      ? `/me/state.json?module=${encodeURIComponent(moduleId)}`
      : '/me/state.json';
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) return undefined;
      const state = (await response.json()) as PersonalState | { user: null };
      return state.user ? (state as PersonalState) : undefined;
    } catch {
      return undefined;
    }
  })();
  return request;
}
