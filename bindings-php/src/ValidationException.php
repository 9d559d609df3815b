<?php

declare(strict_types=1);

namespace Sobriete;

/**
 * A document is invalid (error code `invalid_document`): {@see issues()}
 * lists every problem, each with its JSON-pointer `path` from the root of
 * the document named by {@see document()} (`assessment`, `referential`,
 * `plan`, `request`, `peers`, `crosswalk`, …).
 */
final class ValidationException extends \InvalidArgumentException implements SobrieteError
{
    use ErrorFields {
        document as private documentOrNull;
    }

    /** The kind of the invalid document (never null for a validation error). */
    public function document(): string
    {
        return $this->documentOrNull() ?? 'document';
    }
}
