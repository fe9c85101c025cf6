import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { safeRedirectPath } from '../../src/lib/safe-redirect.ts';

const SITE = 'https://flipside.test';

/** Whether a browser on any page of the site, following `location`, stays on the site. */
function staysOnSite(location: string): boolean {
  return (
    location.startsWith('/') &&
    !location.startsWith('//') &&
    !location.startsWith('/\\') &&
    new URL(location, `${SITE}/modules/mentor/openness/`).origin === SITE &&
    new URL(location, 'http://elsewhere.invalid/').host === 'elsewhere.invalid'
  );
}

describe('safeRedirectPath', () => {
  test.each(['/modules/mentor/openness/', '/me/?tab=1', '/account/#password'])(
    'keeps the same-origin path %s',
    (path) => {
      expect(safeRedirectPath(path)).toBe(path);
    },
  );

  test.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    '',
    null,
    '/\tx',
  ])('refuses %s', (path) => {
    expect(safeRedirectPath(path, '/me/')).toBe('/me/');
  });

  test.each([
    '/.//evil.example',
    '/%2e//evil.example',
    '/a/..//evil.example',
    '/%2E%2e//evil.example',
  ])('refuses %s, which normalises to a protocol-relative address', (path) => {
    expect(safeRedirectPath(path, '/me/')).toBe('/me/');
  });

  test('returns the normalised path, not the one given', () => {
    expect(safeRedirectPath('/modules/./mentor/../mentee/%2e/listening/')).toBe(
      '/modules/mentee/listening/',
    );
  });

  test('returns only same-origin paths for any mix of dots, encodings, slashes and backslashes', () => {
    const piece = fc.constantFrom(
      '',
      '.',
      '..',
      '%2e',
      '%2E',
      '%2e%2e',
      '.%2e',
      '/',
      '//',
      '\\',
      '%2f',
      '%5c',
      '%252f',
      'evil.example',
      'evil.example:443',
      'user@evil.example',
      'modules',
      '?next=//evil.example',
      '#/evil',
      '%09',
      '\t',
      '\n',
      ':',
      'https:',
    );
    const separator = fc.constantFrom('/', '\\', '');
    const candidate = fc
      .tuple(
        fc.constantFrom('/', '//', '\\', '/\\', '', 'https:', '/./', '/%2e/'),
        fc.array(fc.tuple(piece, separator), { maxLength: 8 }),
      )
      .map(([start, parts]) => start + parts.map(([part, sep]) => part + sep).join(''));
    fc.assert(
      fc.property(fc.oneof(candidate, fc.string()), (given) => {
        const result = safeRedirectPath(given, '/me/');
        expect(staysOnSite(result), `${JSON.stringify(given)} gave ${JSON.stringify(result)}`).toBe(
          true,
        );
        expect(safeRedirectPath(result, '/me/')).toBe(result);
      }),
      { numRuns: 5000 },
    );
  });
});
