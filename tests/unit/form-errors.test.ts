import { describe, expect, test } from 'vitest';
import { describedBy, formErrors, formProblem } from '../../src/lib/form-errors.ts';

const inputError = {
  message: 'Failed to validate: [{"code":"invalid_type"}]',
  fields: { email: ['Enter an email address.', 'Too long.'], name: undefined },
};

describe('form errors', () => {
  test('gives each field its first sentence and no general message for an input error', () => {
    expect(formErrors(inputError)).toEqual({
      fields: { email: 'Enter an email address.', name: undefined },
    });
  });

  test('gives a refusal without fields as the general message', () => {
    expect(formErrors({ message: 'Sign in to do that.' })).toEqual({
      fields: {},
      general: 'Sign in to do that.',
    });
  });

  test('sums up a form of hidden fields in one sentence, never the raw validation report', () => {
    expect(formProblem(inputError)).toBe('Enter an email address.');
    expect(formProblem({ message: 'That person could not be found.' })).toBe(
      'That person could not be found.',
    );
    expect(formProblem(undefined)).toBeUndefined();
  });
});

describe('describedBy', () => {
  test('points a control at its hint and its error, in that order, and at nothing without them', () => {
    expect(describedBy('field-email', 'Use your work address.', 'Type a whole address.')).toBe(
      'field-email-hint field-email-error',
    );
    expect(describedBy('field-email', undefined, 'Type a whole address.')).toBe(
      'field-email-error',
    );
    expect(describedBy('field-email', undefined, undefined)).toBeUndefined();
  });
});
