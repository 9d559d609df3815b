// The errors the package throws. The Rust binding builds every error through
// `sobrieteError` below (one place); the package entry re-exports the classes:
// SobrieteError, and its subclasses ValidationError (an invalid document) and
// ArgumentError (an argument outside its allowed values).

/** Any failure of the library: `code`, `document`, `issues`, `argument`. */
export class SobrieteError extends Error {
  constructor(message, code, document, issues, argument) {
    super(message);
    this.name = 'SobrieteError';
    /** Stable code: "invalid_document" | "invalid_argument". */
    this.code = code;
    /** Which input: a document kind, or "argument". */
    this.document = document;
    /** Every problem found: {code, path, message, severity}. */
    this.issues = issues;
    /** The argument's name for "invalid_argument" (snake_case, as in every language), else null. */
    this.argument = argument;
  }

  /** The error as data: the same fields in every language. */
  toJSON() {
    return { code: this.code, document: this.document, argument: this.argument, message: this.message, issues: this.issues };
  }
}

/** An invalid document (code "invalid_document"); `issues` lists every problem. */
export class ValidationError extends SobrieteError {
  constructor(message, code, document, issues, argument) {
    super(message, code, document, issues, argument);
    this.name = 'ValidationError';
  }
}

/** An argument outside its allowed values (code "invalid_argument"); `argument` names it. */
export class ArgumentError extends SobrieteError {
  constructor(message, code, document, issues, argument) {
    super(message, code, document, issues, argument);
    this.name = 'ArgumentError';
  }
}

export function sobrieteError(message, code, document, issues, argument) {
  const Class = { invalid_document: ValidationError, invalid_argument: ArgumentError }[code] ?? SobrieteError;
  return new Class(message, code, document, issues, argument ?? null);
}
