<?php

declare(strict_types=1);

namespace Sobriete;

use FFI;
use FFI\CData;

/**
 * The sobriete C library (`libsobriete_c.so`) loaded through PHP's FFI.
 *
 * Every string this package gives the library is JSON text it made with
 * `json_encode`; every string the library gives back is copied into a PHP
 * string and freed with `sobriete_string_free` at once (in a `finally`),
 * so no C memory outlives a call. Referential handles are owned by
 * {@see Referential} objects and freed by their destructor.
 */
final class Library
{
    /** The ABI version this package is written against. */
    public const ABI_VERSION = 1;

    /** Statuses of the C functions (`#define`s of the header, which FFI cannot read). */
    public const OK = 0;
    public const INVALID_DOCUMENT = 1;
    public const INVALID_ARGUMENT = 2;
    public const INTERNAL_ERROR = 3;

    /** The FFI scope of the preloaded declarations (see bin/preload-header.php). */
    public const SCOPE = 'SOBRIETE';

    private const JSON_IN = JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION;
    private const JSON_OUT = JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING;

    private static ?Library $default = null;
    /** @var array<string, Library> by real path of the library */
    private static array $byPath = [];

    private function __construct(
        /** The FFI instance (its functions are those of the header). */
        public readonly FFI $ffi,
        /** The path of the shared library, or null when it was preloaded. */
        public readonly ?string $path,
    ) {
        $abi = (int) $this->ffi->sobriete_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw SobrieteException::make(
                'library_not_found',
                "the library at {$path} has ABI version {$abi}, this package needs " . self::ABI_VERSION,
            );
        }
    }

    /**
     * The library: at `$path`, else the one named by the environment
     * variable `SOBRIETE_LIB`, else the release then the debug build of
     * the repository (`target/release/libsobriete_c.so`,
     * `target/debug/libsobriete_c.so`). Declarations preloaded in the
     * `SOBRIETE` FFI scope (`ffi.preload`, see bin/preload-header.php) are
     * used when no path is given. The header is `$header`, else `SOBRIETE_HEADER`, else the
     * repository's `bindings-c/include/sobriete.h`.
     *
     * Loaded once per path; without a path, the first library loaded is
     * the default one of every {@see Referential} and {@see Sobriete} call.
     */
    public static function load(?string $path = null, ?string $header = null): self
    {
        if ($path === null && self::$default !== null) {
            return self::$default;
        }
        if ($path === null) {
            $scoped = self::preloaded();
            if ($scoped !== null) {
                return self::$default = $scoped;
            }
        }
        $path = self::findLibrary($path);
        $real = realpath($path) ?: $path;
        $library = self::$byPath[$real] ?? null;
        if ($library === null) {
            if (!extension_loaded('ffi')) {
                throw SobrieteException::make('library_not_found', 'the FFI extension of PHP is not loaded (ext-ffi)');
            }
            $declarations = self::declarations(self::findHeader($header));
            try {
                $ffi = FFI::cdef($declarations, $real);
            } catch (\FFI\Exception $e) {
                throw SobrieteException::make('library_not_found', "cannot load {$real}: {$e->getMessage()}", null, $e);
            }
            $library = self::$byPath[$real] = new self($ffi, $real);
        }
        self::$default ??= $library;
        return $library;
    }

    /** The library in the `SOBRIETE` FFI scope, when `ffi.preload` loaded it. */
    private static function preloaded(): ?self
    {
        if (!extension_loaded('ffi')) {
            return null;
        }
        try {
            $ffi = FFI::scope(self::SCOPE);
        } catch (\Throwable) {
            return null;
        }
        return new self($ffi, null);
    }

    private static function repositoryRoot(): string
    {
        return dirname(__DIR__, 2);
    }

    private static function findLibrary(?string $path): string
    {
        if ($path !== null) {
            if (!is_file($path)) {
                throw SobrieteException::make('library_not_found', "no sobriete C library at {$path}");
            }
            return $path;
        }
        $env = getenv('SOBRIETE_LIB');
        if (is_string($env) && $env !== '') {
            if (!is_file($env)) {
                throw SobrieteException::make('library_not_found', "no sobriete C library at {$env} (SOBRIETE_LIB)");
            }
            return $env;
        }
        $file = match (PHP_OS_FAMILY) {
            'Darwin' => 'libsobriete_c.dylib',
            'Windows' => 'sobriete_c.dll',
            default => 'libsobriete_c.so',
        };
        $tried = [];
        foreach (['release', 'debug'] as $profile) {
            $candidate = self::repositoryRoot() . "/target/{$profile}/{$file}";
            if (is_file($candidate)) {
                return $candidate;
            }
            $tried[] = $candidate;
        }
        throw SobrieteException::make(
            'library_not_found',
            'no sobriete C library: build it with `cargo build --release -p sobriete-c` or set SOBRIETE_LIB (tried '
                . implode(', ', $tried) . ')',
        );
    }

    private static function findHeader(?string $header): string
    {
        $env = getenv('SOBRIETE_HEADER');
        $header ??= (is_string($env) && $env !== '') ? $env : self::repositoryRoot() . '/bindings-c/include/sobriete.h';
        if (!is_file($header)) {
            throw SobrieteException::make('library_not_found', "no sobriete.h at {$header} (set SOBRIETE_HEADER)");
        }
        return $header;
    }

    /**
     * The header's declarations as `FFI::cdef` accepts them: without
     * comments, preprocessor lines and the `extern "C"` guard.
     */
    public static function declarations(string $headerPath): string
    {
        $text = file_get_contents($headerPath);
        if ($text === false) {
            throw SobrieteException::make('library_not_found', "cannot read {$headerPath}");
        }
        $text = preg_replace('~/\*.*?\*/~s', '', $text) ?? $text;
        $text = preg_replace('~//[^\n]*~', '', $text) ?? $text;
        $lines = [];
        foreach (preg_split('/\R/', $text) ?: [] as $line) {
            $trimmed = trim($line);
            if ($trimmed === '' || $trimmed[0] === '#' || $trimmed === '}' || preg_match('/^extern\s+"C"/', $trimmed)) {
                continue;
            }
            $lines[] = $line;
        }
        return implode("\n", $lines) . "\n";
    }

    /**
     * Writes the declarations to preload with `ffi.preload` (web servers:
     * see bin/preload-header.php): the header's declarations with
     * `FFI_SCOPE "SOBRIETE"` and `FFI_LIB` the library's absolute path
     * (`$library`, else SOBRIETE_LIB, else the repository's build).
     * Returns the library's path.
     */
    public static function writePreloadHeader(string $out, ?string $library = null, ?string $header = null): string
    {
        $path = realpath(self::findLibrary($library)) ?: self::findLibrary($library);
        $text = '#define FFI_SCOPE "' . self::SCOPE . "\"\n#define FFI_LIB \"{$path}\"\n"
            . self::declarations(self::findHeader($header));
        if (file_put_contents($out, $text) === false) {
            throw SobrieteException::make('library_not_found', "cannot write {$out}");
        }
        return $path;
    }

    /** The library's version (e.g. `0.1.0`). */
    public function version(): string
    {
        return (string) $this->ffi->sobriete_version();
    }

    /** The library's ABI version. */
    public function abiVersion(): int
    {
        return (int) $this->ffi->sobriete_abi_version();
    }

    /**
     * Runs an operation by name and gives its result as the JSON text the
     * library wrote (a document, or a JSON string for text results).
     *
     * @param CData|null $handle a referential handle, null for the default referential
     * @param array<string, mixed> $args arguments by name; null values are left out
     * @throws ValidationException|SobrieteException
     */
    public function callJson(?CData $handle, string $operation, array $args = []): string
    {
        if (str_contains($operation, "\0")) {
            throw SobrieteException::make('invalid_argument', 'the operation name contains a NUL byte', 'operation');
        }
        $json = self::encodeArgs($args);
        return $this->take(fn (CData $out): int => $this->ffi->sobriete_call($handle, $operation, $json, FFI::addr($out)));
    }

    /**
     * Runs an operation by name and gives its result decoded: an array for
     * a document or a list, a string for a text result.
     *
     * @param array<string, mixed> $args
     * @throws ValidationException|SobrieteException
     */
    public function call(?CData $handle, string $operation, array $args = []): mixed
    {
        return self::decode($this->callJson($handle, $operation, $args));
    }

    /**
     * Makes a referential handle: the default referential (`$json` null)
     * or the one of the JSON text, checked once.
     *
     * @internal use {@see Referential::default()} and {@see Referential::fromJson()}
     */
    public function newHandle(?string $json): CData
    {
        $handle = $this->ffi->new('SobrieteReferential*');
        if ($json !== null && str_contains($json, "\0")) {
            throw SobrieteException::make('invalid_argument', 'the referential text contains a NUL byte', 'json');
        }
        $status = $json === null
            ? $this->ffi->sobriete_referential_default(FFI::addr($handle))
            : $this->ffi->sobriete_referential_from_json($json, FFI::addr($handle));
        if ($status !== self::OK || FFI::isNull($handle)) {
            throw $this->lastError($status);
        }
        return $handle;
    }

    /** @internal frees a handle made by {@see newHandle()} */
    public function freeHandle(CData $handle): void
    {
        if (!FFI::isNull($handle)) {
            $this->ffi->sobriete_referential_free($handle);
        }
    }

    /** @internal the referential of a handle as JSON text */
    public function handleToJson(CData $handle): string
    {
        return $this->take(fn (CData $out): int => $this->ffi->sobriete_referential_to_json($handle, FFI::addr($out)));
    }

    /**
     * Calls `$fn` with a `char *` cell for the library's `out` argument,
     * copies the string it gets and frees it, whatever happens; throws the
     * error it holds on failure.
     *
     * @param callable(CData): int $fn
     */
    private function take(callable $fn): string
    {
        $out = $this->ffi->new('char*');
        try {
            $status = $fn($out);
            $text = FFI::isNull($out) ? null : FFI::string($out);
        } finally {
            if (!FFI::isNull($out)) {
                $this->ffi->sobriete_string_free($out);
            }
        }
        if ($status !== self::OK) {
            throw $text === null ? $this->lastError($status) : self::error($status, $text);
        }
        if ($text === null) {
            throw SobrieteException::make('internal_error', 'the library gave no result');
        }
        return $text;
    }

    /** The calling thread's last error, as an exception. */
    private function lastError(int $status): SobrieteError
    {
        $ptr = $this->ffi->sobriete_last_error();
        if ($ptr === null || FFI::isNull($ptr)) {
            return SobrieteException::make('internal_error', "the library failed (status {$status}) without an error");
        }
        try {
            $text = FFI::string($ptr);
        } finally {
            $this->ffi->sobriete_string_free($ptr);
        }
        return self::error($status, $text);
    }

    /** The exception of an error's JSON text. */
    private static function error(int $status, string $text): SobrieteError
    {
        try {
            $details = json_decode($text, true, 512, self::JSON_OUT);
        } catch (\JsonException $e) {
            return SobrieteException::make('internal_error', "unreadable error from the library: {$text}", null, $e);
        }
        if (!is_array($details)) {
            return SobrieteException::make('internal_error', "unreadable error from the library: {$text}");
        }
        $details['code'] ??= match ($status) {
            self::INVALID_DOCUMENT => 'invalid_document',
            self::INVALID_ARGUMENT => 'invalid_argument',
            default => 'internal_error',
        };
        return $details['code'] === 'invalid_document' ? new ValidationException($details) : new SobrieteException($details);
    }

    /**
     * The arguments as a JSON object, each encoded alone so that an
     * argument PHP cannot encode (invalid UTF-8, INF, …) is named in the
     * error. Null values are left out (the library's default), a
     * {@see Referential} becomes its document.
     *
     * @param array<string, mixed> $args
     */
    public static function encodeArgs(array $args): string
    {
        $parts = [];
        foreach ($args as $name => $value) {
            if ($value === null) {
                continue;
            }
            $name = (string) $name;
            try {
                $parts[] = json_encode($name, self::JSON_IN) . ':' . json_encode(self::plain($value), self::JSON_IN);
            } catch (\JsonException $e) {
                throw SobrieteException::make('invalid_argument', "{$name} cannot be encoded as JSON: {$e->getMessage()}", $name, $e);
            }
        }
        return '{' . implode(',', $parts) . '}';
    }

    /** A value with every {@see Referential} replaced by its document's JSON text. */
    private static function plain(mixed $value): mixed
    {
        if ($value instanceof Referential) {
            return $value->toJson();
        }
        if (is_array($value)) {
            foreach ($value as $k => $v) {
                if ($v instanceof Referential || is_array($v)) {
                    $value[$k] = self::plain($v);
                }
            }
        }
        return $value;
    }

    /** Decodes a result's JSON text (objects as associative arrays). */
    public static function decode(string $json): mixed
    {
        try {
            return json_decode($json, true, 4096, self::JSON_OUT);
        } catch (\JsonException $e) {
            throw SobrieteException::make('internal_error', "unreadable result from the library: {$e->getMessage()}", null, $e);
        }
    }
}
