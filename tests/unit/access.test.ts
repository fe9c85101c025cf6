import { describe, expect, test } from 'vitest';
import {
  isConsoleAction,
  mayCallAction,
  mayKeepProgress,
  mayReadPrivateWritingOf,
  mayReadProgressOf,
  mayUseConsole,
} from '../../src/server/access.ts';
import type { SessionUser } from '../../src/server/sessions.ts';

const ana: SessionUser = { id: 'ana', email: 'ana@example.org', name: 'Ana', role: 'participant' };
const ben: SessionUser = { id: 'ben', email: 'ben@example.org', name: 'Ben', role: 'participant' };
const pat: SessionUser = { id: 'pat', email: 'pat@example.org', name: 'Pat', role: 'programme' };

describe('the programme console', () => {
  test('is open to the programme team only', () => {
    expect(mayUseConsole(pat)).toBe(true);
    expect(mayUseConsole(ana)).toBe(false);
    expect(mayUseConsole(undefined)).toBe(false);
  });

  test('counts every action of the people namespace as a console action, and only those', () => {
    expect(isConsoleAction('people.invite')).toBe(true);
    expect(isConsoleAction('people.setRole')).toBe(true);
    expect(isConsoleAction('auth.login')).toBe(false);
    expect(isConsoleAction('peoples.invite')).toBe(false);
  });

  test('lets anyone call an action outside the console, and only the team call a console action', () => {
    expect(mayCallAction(undefined, 'auth.login')).toBe(true);
    expect(mayCallAction(ana, 'auth.login')).toBe(true);
    expect(mayCallAction(ana, 'people.invite')).toBe(false);
    expect(mayCallAction(undefined, 'people.invite')).toBe(false);
    expect(mayCallAction(pat, 'people.invite')).toBe(true);
  });
});

describe('personal data', () => {
  test('shows training progress to the person and the programme team, and nobody else', () => {
    expect(mayReadProgressOf(ana, 'ana')).toBe(true);
    expect(mayReadProgressOf(pat, 'ana')).toBe(true);
    expect(mayReadProgressOf(ben, 'ana')).toBe(false);
    expect(mayReadProgressOf(undefined, 'ana')).toBe(false);
  });

  test('shows private writing to its author alone, not even to the programme team', () => {
    expect(mayReadPrivateWritingOf(ana, 'ana')).toBe(true);
    expect(mayReadPrivateWritingOf(pat, 'ana')).toBe(false);
    expect(mayReadPrivateWritingOf(ben, 'ana')).toBe(false);
    expect(mayReadPrivateWritingOf(undefined, 'ana')).toBe(false);
  });
});

describe('training progress', () => {
  test('can be changed by an action only when someone is signed in', () => {
    expect(mayCallAction(undefined, 'progress.reflect')).toBe(false);
    expect(mayCallAction(ana, 'progress.reflect')).toBe(true);
    expect(mayCallAction(pat, 'progress.complete')).toBe(true);
  });

  test('is kept for anyone signed in, and nobody signed out', () => {
    expect(mayKeepProgress(ana)).toBe(true);
    expect(mayKeepProgress(pat)).toBe(true);
    expect(mayKeepProgress(undefined)).toBe(false);
  });
});
