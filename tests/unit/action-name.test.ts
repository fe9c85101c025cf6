import { describe, expect, test } from 'vitest';
import { actionPath, isAction } from '../../src/lib/action-name.ts';

const server = { auth: { login: () => 1 }, people: { invite: () => 2 } };

describe('actionPath', () => {
  test.each([
    ['people.invite', ['people', 'invite']],
    ['%70eople.invite', ['people', 'invite']],
    ['people.%69nvite', ['people', 'invite']],
    ['people.invite/', ['people', 'invite']],
    ['people%2Einvite', ['people.invite']],
    ['people', ['people']],
  ])('reads %s as Astro does', (name, path) => {
    expect(actionPath(name)).toEqual(path);
  });

  test('gives nothing for a name Astro cannot decode', () => {
    expect(actionPath('%E0.invite')).toBeUndefined();
  });
});

describe('isAction', () => {
  test('finds an action by its keys', () => {
    expect(isAction(server, ['people', 'invite'])).toBe(true);
  });

  test.each([[['people']], [['people.invite']], [['people', 'invite', 'x']], [['nosuch', 'x']]])(
    'finds no action for a namespace or a name that is not there: %j',
    (path) => {
      expect(isAction(server, path)).toBe(false);
    },
  );

  test.each([[['constructor']], [['__proto__', 'toString']], [['auth', 'login', 'call']]])(
    'never walks into prototypes: %j',
    (path) => {
      expect(isAction(server, path)).toBe(false);
    },
  );
});
