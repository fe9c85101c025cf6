import { describe, expect, test } from 'vitest';
import { formatCode, normaliseCode, verificationPath } from '../../src/lib/verification-code.ts';

describe('certificate verification codes', () => {
  const code = 'abcdefghijk234567'.slice(0, 16);

  test('are shown in upper-case groups of four', () => {
    expect(formatCode(code)).toBe('ABCD-EFGH-IJK2-3456');
    expect(verificationPath(code)).toBe('/certificates/ABCD-EFGH-IJK2-3456/');
  });

  test('are accepted in any case, with or without hyphens and spaces', () => {
    expect(normaliseCode('ABCD-EFGH-IJK2-3456')).toBe(code);
    expect(normaliseCode(' abcd efgh ijk2 3456 ')).toBe(code);
    expect(normaliseCode(formatCode(code))).toBe(code);
  });

  test('refuse anything that cannot be a code, so it is never looked up', () => {
    expect(normaliseCode('ABCD-EFGH-IJK2-345')).toBeUndefined();
    expect(normaliseCode('ABCD-EFGH-IJK2-34567')).toBeUndefined();
    expect(normaliseCode('ABCD-EFGH-IJK2-3450')).toBeUndefined();
    expect(normaliseCode("abcd'; drop table")).toBeUndefined();
    expect(normaliseCode('')).toBeUndefined();
  });
});
