<?php

declare(strict_types=1);

namespace Sobriete;

/**
 * The fields shared by both exception classes (see {@see SobrieteError}).
 *
 * @internal
 */
trait ErrorFields
{
    private string $errorCode;
    private ?string $document;
    private ?string $argument;
    /** @var list<array{code: string, path: string, severity: string, message: string}> */
    private array $issues;
    private array $details;

    /** @param array $details the decoded error JSON of the C library */
    public function __construct(array $details, ?\Throwable $previous = null)
    {
        $this->details = $details;
        $this->errorCode = (string) ($details['code'] ?? 'internal_error');
        $this->document = isset($details['document']) ? (string) $details['document'] : null;
        $this->argument = isset($details['argument']) ? (string) $details['argument'] : null;
        $issues = $details['issues'] ?? [];
        $this->issues = is_array($issues) ? array_values($issues) : [];
        parent::__construct((string) ($details['message'] ?? $this->errorCode), 0, $previous);
    }

    public function errorCode(): string
    {
        return $this->errorCode;
    }

    public function document(): ?string
    {
        return $this->document;
    }

    public function argument(): ?string
    {
        return $this->argument;
    }

    public function issues(): array
    {
        return $this->issues;
    }

    public function details(): array
    {
        return $this->details;
    }
}
