<?php

declare(strict_types=1);

namespace Sobriete;

/**
 * Every error of this package: catch it to catch both a
 * {@see ValidationException} (an invalid document) and a
 * {@see SobrieteException} (anything else).
 *
 * The fields are those of the C library's error JSON: `code`
 * (`invalid_document`, `invalid_argument`, `internal_error`, or
 * `library_not_found` for a library that could not be loaded), `document`
 * (the kind of document at fault, `argument` for an argument, null
 * otherwise), `argument` (the argument's name, or null), `message` and
 * `issues`.
 */
interface SobrieteError extends \Throwable
{
    /** `invalid_document`, `invalid_argument`, `internal_error` or `library_not_found`. */
    public function errorCode(): string;

    /** The kind of document at fault (`assessment`, `referential`, …, `argument`), or null. */
    public function document(): ?string;

    /** The name of the argument at fault (snake_case, as in the operations table), or null. */
    public function argument(): ?string;

    /**
     * Every issue: `['code' => …, 'path' => JSON pointer, 'severity' => 'error'|'warning', 'message' => …]`.
     *
     * @return list<array{code: string, path: string, severity: string, message: string}>
     */
    public function issues(): array;

    /** The error as the C library gave it (decoded JSON). */
    public function details(): array;
}
