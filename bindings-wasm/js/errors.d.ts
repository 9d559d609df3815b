import type { ErrorData, Issue } from './sobriete.js';

/**
 * Any failure of the library. `code` is `invalid_document` (then the error
 * is a `ValidationError`) or `invalid_argument` (an `ArgumentError`); `document` says which
 * input (a document kind, or `argument`); `issues` lists every problem.
 */
export class SobrieteError extends Error {
  name: 'SobrieteError' | 'ValidationError' | 'ArgumentError';
  code: ErrorData['code'];
  document: ErrorData['document'];
  issues: Issue[];
  /** The argument's name for `invalid_argument`, else null. */
  argument: string | null;
  /** The error as data, in the shape of the golden vectors. */
  toJSON(): ErrorData;
}

/** An invalid document: `code` is `invalid_document`. */
export class ValidationError extends SobrieteError {
  name: 'ValidationError';
  code: 'invalid_document';
}

/** An argument outside its allowed values: `code` is `invalid_argument`, `argument` names it. */
export class ArgumentError extends SobrieteError {
  name: 'ArgumentError';
  code: 'invalid_argument';
  document: 'argument';
  argument: string;
}
