/**
 * An error a person can meet: a sentence saying what to do next, and the kind of refusal, which
 * actions turn into the matching HTTP status. Anything else is a bug and stays a 500.
 */

export type RefusalCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

export class UserFacingError extends Error {
  readonly code: RefusalCode;

  constructor(code: RefusalCode, message: string) {
    super(message);
    this.name = 'UserFacingError';
    this.code = code;
  }
}
