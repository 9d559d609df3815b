<?php

declare(strict_types=1);

namespace Sobriete;

/**
 * The library's version and the operations that need no referential
 * (rollup, importers, crosswalk inversion). Everything else is a method of
 * {@see Referential}.
 */
final class Sobriete
{
    private function __construct()
    {
    }

    /** The version of the C library loaded (e.g. `0.1.0`). */
    public static function version(): string
    {
        return Library::load()->version();
    }

    /** The ABI version of the C library loaded. */
    public static function abiVersion(): int
    {
        return Library::load()->abiVersion();
    }

    /**
     * Any operation by name with its arguments by name, on the default
     * referential (module operations ignore it); the result decoded.
     *
     * @param array<string, mixed> $args
     */
    public static function call(string $operation, array $args = []): mixed
    {
        return Library::load()->call(null, $operation, $args);
    }

    /** Aggregates members' results, e.g. the communes of an intercommunalité. */
    public static function rollup(array|object|string $peers, ?int $expectedMembers = null): array
    {
        return self::call('rollup', ['peers' => $peers, 'expected_members' => $expectedMembers]);
    }

    /** Turns a published referential (`rgesn`, `minumeco`, `wsg`, `ecoclic`) into the library's format: `['referential' => …, 'report' => …]`. */
    public static function importReferential(string $format, array|object|string $source): array
    {
        return self::call('import_referential', ['format' => $format, 'source' => $source]);
    }

    /** Éco-clic's questionnaire as a referential, from `['sql' => dump]` or `['csv' => [table => text]]`. */
    public static function importEcoclic(array|object|string $source): array
    {
        return self::call('import_ecoclic', ['source' => $source]);
    }

    /** Éco-clic's answers as assessments, for `$referential` (null: imported from the same database). */
    public static function importEcoclicAnswers(array|object|string $source, array|object|string|null $referential = null): array
    {
        return self::call('import_ecoclic_answers', ['source' => $source, 'referential' => $referential]);
    }

    /** The crosswalk the other way round (to migrate back). */
    public static function invertCrosswalk(array|object|string $crosswalk): array
    {
        return self::call('invert_crosswalk', ['crosswalk' => $crosswalk]);
    }
}
