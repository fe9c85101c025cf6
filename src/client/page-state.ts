/**
 * In the browser: the personal parts of a static page, from the one request it makes for them
 * (`/me/state.json`), and only when the signed-in hint cookie says someone is signed in; a
 * signed-out view asks for nothing. The header's account menu calls this on every static page: it
 * marks the sidebar's completed modules, and on a module's page loads the workspace's code and
 * starts it, so signed-out readers never download that code.
 */
import type { WorkspaceView } from '~/server/progress';
import { SIGNED_IN_HINT } from '~/lib/session-policy';

export type { WorkspaceView };

/** What `/me/state.json` answers for someone signed in. */
export interface PersonalState {
  user: { name: string; role: string };
  /** The paths of the modules the person has completed. */
  completed: string[];
  workspace?: WorkspaceView;
}

/** Whether the hint cookie says someone is signed in. */
function maybeSignedIn(): boolean {
  return document.cookie.split('; ').includes(`${SIGNED_IN_HINT}=1`);
}

/** The signed-in person's state for this page (with its module's workspace), or undefined. */
async function fetchState(moduleId: string | undefined): Promise<PersonalState | undefined> {
  const url = moduleId ? `/me/state.json?module=${encodeURIComponent(moduleId)}` : '/me/state.json';
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return undefined;
    const state = (await response.json()) as PersonalState | { user: null };
    return state.user ? (state as PersonalState) : undefined;
  } catch {
    return undefined;
  }
}

/** Marks each completed module in the sidebar, for sight and for screen readers. */
function markSidebar(completed: readonly string[]): void {
  const paths = new Set(completed);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.sidebar-content a[href]')) {
    const label = link.querySelector('span');
    if (!label || !paths.has(new URL(link.href).pathname)) continue;
    link.dataset.completed = '';
    const mark = document.createElement('span');
    mark.className = 'completed-mark';
    mark.setAttribute('aria-hidden', 'true');
    mark.textContent = '✓';
    const spoken = document.createElement('span');
    spoken.className = 'sr-only';
    spoken.textContent = ' (completed)';
    label.prepend(mark);
    label.append(spoken);
  }
}

/**
 * Shows what is personal on this static page (sidebar marks, a module's workspace) and returns who
 * is signed in, for the header; undefined when nobody is.
 */
export async function showPersonalParts(): Promise<PersonalState['user'] | undefined> {
  if (!maybeSignedIn()) return undefined;
  const moduleId = document.querySelector<HTMLElement>('[data-module-id]')?.dataset.moduleId;
  const state = await fetchState(moduleId);
  if (!state) return undefined;
  markSidebar(state.completed);
  if (state.workspace) {
    const { startWorkspace } = await import('./workspace');
    startWorkspace(state.workspace);
  }
  return state.user;
}
