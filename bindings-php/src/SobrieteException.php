<?php

declare(strict_types=1);

namespace Sobriete;

/**
 * Any failure that is not an invalid document: an invalid argument (error
 * code `invalid_argument`, {@see argument()} names it: `lang`, `format`,
 * `level`, `as_of`, …), a bug in the library (`internal_error`) or a
 * library or header that cannot be loaded (`library_not_found`).
 */
final class SobrieteException extends \RuntimeException implements SobrieteError
{
    use ErrorFields;

    /** @internal an error made on the PHP side */
    public static function make(string $code, string $message, ?string $argument = null, ?\Throwable $previous = null): self
    {
        return new self([
            'code' => $code,
            'document' => $argument === null ? null : 'argument',
            'argument' => $argument,
            'message' => $message,
            'issues' => [],
        ], $previous);
    }
}
