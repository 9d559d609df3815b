<?php

/**
 * The PHP package's tests, without PHPUnit:
 *
 *   SOBRIETE_LIB=/path/to/libsobriete_c.so php bindings-php/tests/run.php
 *
 * (1) every golden vector of tests/vectors reproduced exactly (as in
 *     bindings-python/tests/test_vectors.py), from decoded documents and
 *     from JSON text; (2) every case of tests/bindings/operations.json,
 *     through `call` and through the named method, and every operation of
 *     the table present with the table's parameters; (3) errors: every
 *     issue of a broken assessment, argument errors, PHP-side encoding
 *     errors; (4) handles: freed once, clones, memory stable; version.
 *
 * Prints one line per failed check and a last line `php: N checks passed`
 * (or `php: F of N checks failed`); exits 1 on any failure.
 */

declare(strict_types=1);

use Sobriete\Library;
use Sobriete\Referential;
use Sobriete\Sobriete;
use Sobriete\SobrieteError;
use Sobriete\SobrieteException;
use Sobriete\ValidationException;

$package = dirname(__DIR__);
$root = dirname($package);
require is_file("{$package}/vendor/autoload.php") ? "{$package}/vendor/autoload.php" : "{$package}/autoload.php";

try {
    Library::load();
} catch (SobrieteException $e) {
    fwrite(STDOUT, "php: cannot load the library: {$e->getMessage()}\n");
    exit(1);
}

$checks = 0;
$failures = [];

function check(bool $ok, string $label, string $detail = ''): void
{
    global $checks, $failures;
    $checks++;
    if (!$ok) {
        $failures[] = $label . ($detail === '' ? '' : ": {$detail}");
        fwrite(STDOUT, "FAIL {$label}" . ($detail === '' ? '' : ": {$detail}") . "\n");
    }
}

/** Runs `$fn` as one check: a throwable fails it. */
function attempt(string $label, callable $fn): void
{
    try {
        $fn();
    } catch (\Throwable $e) {
        check(false, $label, get_class($e) . ': ' . $e->getMessage() . ' at ' . basename($e->getFile()) . ':' . $e->getLine());
    }
}

/** Deep equality of decoded JSON: numbers compared as floats (1 == 1.0), lists in order, objects by key. */
function same(mixed $a, mixed $b, string $path = ''): ?string
{
    if ((is_int($a) || is_float($a)) && (is_int($b) || is_float($b))) {
        return (float) $a === (float) $b ? null : "{$path}: " . var_export($a, true) . ' != ' . var_export($b, true);
    }
    if (is_array($a) && is_array($b)) {
        $ka = array_keys($a);
        $kb = array_keys($b);
        $missing = array_diff($kb, $ka);
        $extra = array_diff($ka, $kb);
        if ($missing || $extra) {
            return "{$path}: keys missing [" . implode(', ', $missing) . '] extra [' . implode(', ', $extra) . ']';
        }
        if (array_is_list($a) !== array_is_list($b) && $a !== []) {
            return "{$path}: list against object";
        }
        foreach ($a as $k => $v) {
            $d = same($v, $b[$k], "{$path}/{$k}");
            if ($d !== null) {
                return $d;
            }
        }
        return null;
    }
    return $a === $b ? null : "{$path}: " . json_encode($a) . ' != ' . json_encode($b);
}

function readJson(string $path, bool $assoc = false): mixed
{
    return json_decode((string) file_get_contents($path), $assoc, 4096, JSON_THROW_ON_ERROR);
}

/** An error in the vectors' shape. */
function errorValue(SobrieteError $e): array
{
    return errorShape($e->details());
}

function errorShape(array $error): array
{
    if (($error['code'] ?? '') !== 'invalid_document') {
        return ['error' => ['code' => $error['code'], 'document' => 'argument', 'issues' => []]];
    }
    $issues = array_map(
        static fn (array $i): array => ['code' => $i['code'], 'path' => $i['path'], 'severity' => $i['severity']],
        $error['issues'],
    );
    return ['error' => ['code' => $error['code'], 'document' => $error['document'], 'issues' => $issues]];
}

/** A batch item in the vectors' shape: `['summary' => …]` or the error. */
function summaryItem(array $item, bool $report = false): array
{
    if (array_keys($item) === ['error']) {
        return errorShape($item['error']);
    }
    if ($report) {
        $item = [
            'referential' => $item['referential'], 'profile' => $item['profile'], 'date' => $item['date'],
            'level' => $item['level'], 'index' => $item['index'],
            'grade' => $item['grade'] === null ? null : $item['grade']['grade'],
            'complete' => $item['complete'], 'completeness' => $item['completeness'],
            'dont_know_share' => $item['dont_know_share'],
            'themes' => array_map(static fn (array $t): array => ['id' => $t['id'], 'score' => $t['score']], $item['themes']),
            'eco_clic' => $item['eco_clic']['index'], 'conformity' => $item['conformity']['rate'],
        ];
    }
    return ['summary' => $item];
}

// ---------------------------------------------------------------------------
// (1) The golden vectors.

function computeVector(object $case): array
{
    try {
        $ref = isset($case->referential) ? Referential::fromJson($case->referential) : Referential::default();
        $op = $case->operation ?? 'score';
        switch ($op) {
            case 'score':
                return ['report' => $ref->score($case->assessment)];
            case 'propose':
                return ['proposal' => $ref->propose($case->assessment, $case->request)];
            case 'plan_status':
                return ['status' => $ref->planStatus($case->plan, $case->as_of ?? '')];
            case 'history':
                return ['history' => $ref->history($case->assessments)];
            case 'compare':
                return ['comparison' => $ref->compare($case->assessment, $case->peers, $case->min_group_size ?? null)];
            case 'rollup':
                return ['rollup' => Sobriete::rollup($case->peers, $case->expected_members ?? null)];
            case 'migrate':
                $to = Referential::fromJson($case->to_referential);
                return !empty($case->simulate)
                    ? ['simulation' => $ref->simulateMigration($case->assessment, $case->crosswalk, $to)]
                    : ['migration' => $ref->migrate($case->assessment, $case->crosswalk, $to)];
            case 'summaries':
                return ['summaries' => array_map('summaryItem', $ref->scoreSummaries($case->assessments))];
            case 'import_ecoclic':
                return ['imported' => Sobriete::importEcoclic($case->source)];
            case 'import_ecoclic_answers':
                return ['answers' => Sobriete::importEcoclicAnswers($case->source, isset($case->referential) ? $ref : null)];
        }
        throw new \LogicException("unknown operation {$op}");
    } catch (SobrieteError $e) {
        return errorValue($e);
    }
}

$vectorPaths = glob("{$root}/tests/vectors/*.json") ?: [];
sort($vectorPaths);
check(count($vectorPaths) >= 32, 'vectors: at least 32 golden vectors', (string) count($vectorPaths));
$operationsSeen = [];
foreach ($vectorPaths as $path) {
    $name = basename($path, '.json');
    $case = readJson($path);
    $expected = readJson($path, true)['expected'];
    $operationsSeen[$case->operation ?? 'score'] = true;
    attempt("vector {$name}", static function () use ($case, $expected, $name): void {
        $diff = same(computeVector($case), $expected);
        check($diff === null, "vector {$name}", (string) $diff);
    });
    if (($case->operation ?? 'score') === 'score') {
        // The same from JSON text.
        $text = clone $case;
        $text->assessment = json_encode($case->assessment, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
        if (isset($case->referential)) {
            $text->referential = json_encode($case->referential, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
        }
        attempt("vector {$name} (JSON text)", static function () use ($text, $expected, $name): void {
            $diff = same(computeVector($text), $expected);
            check($diff === null, "vector {$name} (JSON text)", (string) $diff);
        });
    }
    if (($case->operation ?? 'score') === 'summaries') {
        // score_many gives full reports: their headline figures are the summaries.
        attempt("vector {$name} (score_many)", static function () use ($case, $expected, $name): void {
            $ref = isset($case->referential) ? Referential::fromJson($case->referential) : Referential::default();
            $items = array_map(static fn (array $x): array => summaryItem($x, true), $ref->scoreMany($case->assessments));
            $diff = same($items, $expected['summaries']);
            check($diff === null, "vector {$name} (score_many)", (string) $diff);
        });
    }
}
$ops = array_keys($operationsSeen);
sort($ops);
check(
    $ops === ['compare', 'history', 'import_ecoclic', 'import_ecoclic_answers', 'migrate', 'plan_status', 'propose', 'rollup', 'score', 'summaries'],
    'vectors: every operation is covered',
    implode(', ', $ops),
);

// ---------------------------------------------------------------------------
// (2) The cross-language operations table.

$table = readJson("{$root}/tests/bindings/operations.json", true);
$operations = [];
foreach ($table['operations'] as $op) {
    $operations[$op['name']] = $op;
}

function camel(string $snake): string
{
    return lcfirst(str_replace('_', '', ucwords($snake, '_')));
}

// Every operation is a method with the table's parameters (camelCase), in the table's order.
foreach ($table['operations'] as $op) {
    $owner = !empty($op['module']) ? Sobriete::class : Referential::class;
    $method = camel($op['name']);
    $label = "table: {$owner}::{$method}";
    if (!method_exists($owner, $method)) {
        check(false, $label, 'missing');
        continue;
    }
    $params = array_map(static fn (\ReflectionParameter $p): string => $p->getName(), (new \ReflectionMethod($owner, $method))->getParameters());
    $want = array_map(static fn (array $p): string => camel($p[0]), $op['params']);
    // PHP's order: required parameters first (the full report's format and
    // lang after its inputs, as in JavaScript and Kotlin).
    $order = $op['js'] ?? null;
    $wantOrdered = $order !== null ? array_map('camel', $order) : $want;
    $ok = $params === $want || $params === $wantOrdered;
    check($ok, $label . ' parameters', implode(', ', $params) . ' vs ' . implode(', ', $want));
}

/** A table argument as PHP data (documents as decoded objects). */
function tableValue(mixed $spec, bool $handles): mixed
{
    global $root;
    if (is_array($spec) && array_is_list($spec)) {
        return array_map(static fn ($s) => tableValue($s, $handles), $spec);
    }
    if (!is_array($spec)) {
        return $spec;
    }
    if (array_key_exists('$text', $spec)) {
        return $spec['$text'];
    }
    if (array_key_exists('$files', $spec)) {
        return array_map(static fn (string $f) => readJson("{$root}/{$f}"), $spec['$files']);
    }
    if (array_key_exists('$file', $spec)) {
        $value = readJson("{$root}/{$spec['$file']}");
        if (isset($spec['$field'])) {
            $value = $value->{$spec['$field']};
        }
        if (!empty($spec['$baseline'])) {
            $value = $value->baseline;
        }
        return $value;
    }
    if (array_key_exists('$referential', $spec)) {
        $field = $spec['$field'] ?? 'referential';
        $document = $spec['$referential'] === 'default'
            ? Referential::default()->toArray()
            : readJson("{$root}/{$spec['$referential']}")->{$field};
        // Through `call` the referential document itself; through the named method a handle.
        return $handles ? Referential::fromJson($document) : $document;
    }
    if ($spec === []) {
        return new \stdClass();
    }
    $out = [];
    foreach ($spec as $k => $v) {
        $out[$k] = tableValue($v, $handles);
    }
    return $out;
}

function onReferential(string $on): Referential
{
    global $root;
    return $on === 'default' ? Referential::default() : Referential::fromJson(readJson("{$root}/{$on}")->referential);
}

function runCase(array $case, array $op, bool $named): mixed
{
    $args = [];
    foreach ($case['args'] as $k => $v) {
        $args[$k] = tableValue($v, $named);
    }
    $module = !empty($op['module']);
    if (!$named) {
        return $module ? Sobriete::call($op['name'], $args) : onReferential($case['on'])->call($op['name'], $args);
    }
    $namedArgs = [];
    foreach ($args as $k => $v) {
        $namedArgs[camel($k)] = $v;
    }
    $method = camel($op['name']);
    return $module ? Sobriete::$method(...$namedArgs) : onReferential($case['on'])->$method(...$namedArgs);
}

function pointer(mixed $value, string $path): mixed
{
    foreach (array_slice(explode('/', $path), 1) as $part) {
        if (!is_array($value) || !array_key_exists(is_numeric($part) && array_is_list($value) ? (int) $part : $part, $value)) {
            return null;
        }
        $value = $value[is_numeric($part) && array_is_list($value) ? (int) $part : $part];
    }
    return $value;
}

foreach ($table['cases'] as $n => $case) {
    $op = $operations[$case['operation']];
    $expect = $case['expect'];
    foreach (['call' => false, 'method' => true] as $via => $named) {
        $label = "case {$n} {$case['operation']} via {$via} ({$case['description']})";
        attempt($label, static function () use ($case, $op, $expect, $named, $label): void {
            if (isset($expect['error'])) {
                $want = $expect['error'];
                try {
                    runCase($case, $op, $named);
                    check(false, $label, 'no error raised');
                } catch (SobrieteError $e) {
                    $class = $want['code'] === 'invalid_document' ? ValidationException::class : SobrieteException::class;
                    $got = [
                        'class' => get_class($e), 'code' => $e->errorCode(), 'document' => $e->document(), 'argument' => $e->argument(),
                    ];
                    $ok = $got === ['class' => $class, 'code' => $want['code'], 'document' => $want['document'], 'argument' => $want['argument']];
                    if (isset($want['paths'])) {
                        $ok = $ok && array_column($e->issues(), 'path') === $want['paths'];
                    }
                    if (isset($want['codes'])) {
                        $ok = $ok && array_column($e->issues(), 'code') === $want['codes'];
                    }
                    check($ok, $label, json_encode($got + ['paths' => array_column($e->issues(), 'path')]));
                }
                return;
            }
            $result = runCase($case, $op, $named);
            $kindOk = match ($expect['returns']) {
                'data' => is_array($result) && ($result === [] || !array_is_list($result)),
                'list' => is_array($result) && array_is_list($result),
                'text' => is_string($result),
            };
            $ok = $kindOk;
            $detail = $kindOk ? '' : 'returned ' . get_debug_type($result);
            if ($ok && isset($expect['length']) && count($result) !== $expect['length']) {
                [$ok, $detail] = [false, 'length ' . count($result)];
            }
            if ($ok && isset($expect['starts_with']) && !str_starts_with($result, $expect['starts_with'])) {
                [$ok, $detail] = [false, 'starts with ' . substr($result, 0, 60)];
            }
            foreach ($expect['values'] ?? [] as $path => $value) {
                $d = $ok ? same(pointer($result, $path), $value, $path) : null;
                if ($d !== null) {
                    [$ok, $detail] = [false, $d];
                }
            }
            foreach ($expect['present'] ?? [] as $path) {
                if ($ok && pointer($result, $path) === null) {
                    [$ok, $detail] = [false, "{$path} absent"];
                }
            }
            check($ok, $label, $detail);
        });
    }
}

// ---------------------------------------------------------------------------
// (3) Errors.

$v15 = readJson("{$root}/tests/vectors/15-error-assessment-many-problems.json");
$v15expected = readJson("{$root}/tests/vectors/15-error-assessment-many-problems.json", true)['expected']['error'];
attempt('errors: a broken assessment lists every issue', static function () use ($v15, $v15expected): void {
    $ref = Referential::fromJson($v15->referential);
    try {
        $ref->score($v15->assessment);
        check(false, 'errors: a broken assessment raises');
    } catch (ValidationException $e) {
        check($e instanceof \InvalidArgumentException, 'errors: ValidationException is an InvalidArgumentException');
        check($e->errorCode() === 'invalid_document' && $e->document() === 'assessment', 'errors: code and document', $e->errorCode() . ' ' . $e->document());
        check(count($e->issues()) === 9, 'errors: nine issues', (string) count($e->issues()));
        check(
            array_column($e->issues(), 'path') === array_column($v15expected['issues'], 'path'),
            'errors: the issues\' paths',
            implode(' ', array_column($e->issues(), 'path')),
        );
        $complete = array_filter($e->issues(), static fn (array $i): bool => isset($i['code'], $i['path'], $i['severity'], $i['message']) && $i['message'] !== '');
        check(count($complete) === 9, 'errors: every issue has code, path, severity and message');
        check($e->argument() === null, 'errors: no argument for a document');
    }
});
attempt('errors: a broken referential', static function () use ($root): void {
    $v16 = readJson("{$root}/tests/vectors/16-error-referential-many-problems.json");
    try {
        Referential::fromJson($v16->referential);
        check(false, 'errors: a broken referential raises');
    } catch (ValidationException $e) {
        check($e->document() === 'referential' && count($e->issues()) > 1, 'errors: a broken referential lists its issues', (string) count($e->issues()));
    }
});
attempt('errors: an unknown lang', static function () use ($root): void {
    $commune = readJson("{$root}/examples/commune-rurale-niveau1.json");
    try {
        Referential::default()->renderReport($commune, 'text', 'de');
        check(false, 'errors: an unknown lang raises');
    } catch (SobrieteException $e) {
        check($e->errorCode() === 'invalid_argument' && $e->argument() === 'lang' && $e->document() === 'argument', 'errors: lang is the argument', (string) $e->argument());
        check($e instanceof \RuntimeException && str_contains($e->getMessage(), 'lang'), 'errors: SobrieteException is a RuntimeException with a message');
    }
});
attempt('errors: an unknown operation', static function (): void {
    try {
        Sobriete::call('no_such_operation');
        check(false, 'errors: an unknown operation raises');
    } catch (SobrieteException $e) {
        check($e->errorCode() === 'invalid_argument', 'errors: an unknown operation is an invalid argument', $e->getMessage());
    }
});
attempt('errors: invalid UTF-8 is named by PHP', static function (): void {
    try {
        Referential::default()->score("{\"x\": \"\xff\"}");
        check(false, 'errors: invalid UTF-8 raises');
    } catch (SobrieteException $e) {
        check($e->argument() === 'assessment', 'errors: invalid UTF-8 names the argument', (string) $e->argument());
    }
});
attempt('errors: a NUL byte in a document\'s text', static function (): void {
    try {
        Referential::default()->score("{\0}");
        check(false, 'errors: a NUL byte raises');
    } catch (ValidationException $e) {
        check(($e->issues()[0]['code'] ?? '') === 'invalid_json', 'errors: a NUL byte is invalid JSON', json_encode($e->issues()));
    }
});
attempt('errors: an empty PHP array is a JSON list', static function () use ($root): void {
    $commune = readJson("{$root}/examples/commune-rurale-niveau1.json", true);
    $commune['answers'] = [];
    try {
        Referential::default()->score($commune);
        check(false, 'errors: answers => [] raises');
    } catch (ValidationException $e) {
        check(array_column($e->issues(), 'path') === ['/answers'], 'errors: answers => [] is at /answers', json_encode(array_column($e->issues(), 'path')));
    }
    $commune['answers'] = new \stdClass();
    $report = Referential::default()->score($commune);
    check($report['complete'] === false, 'errors: answers => new stdClass is no answer');
});

// ---------------------------------------------------------------------------
// (4) Handles, ownership and versions.

attempt('library: versions', static function () use ($root): void {
    check(Sobriete::abiVersion() === 1 && Library::ABI_VERSION === 1, 'library: ABI version 1');
    $cargo = (string) file_get_contents("{$root}/Cargo.toml");
    preg_match('/^version\s*=\s*"([^"]+)"/m', $cargo, $m);
    check(Sobriete::version() === ($m[1] ?? '?'), 'library: version is the workspace\'s', Sobriete::version());
    $header = (string) file_get_contents("{$root}/bindings-c/include/sobriete.h");
    preg_match('/#define SOBRIETE_ABI_VERSION (\d+)/', $header, $h);
    check((int) ($h[1] ?? 0) === Sobriete::abiVersion(), 'library: the header\'s ABI version');
    check(Library::load() === Library::load(), 'library: loaded once');
    $declarations = Library::declarations("{$root}/bindings-c/include/sobriete.h");
    check(!str_contains($declarations, '#') && !str_contains($declarations, '//') && !str_contains($declarations, 'extern "C"'), 'library: declarations without preprocessor lines');
});
attempt('library: a missing library', static function (): void {
    try {
        Library::load('/nonexistent/libsobriete_c.so');
        check(false, 'library: a missing library raises');
    } catch (SobrieteException $e) {
        check($e->errorCode() === 'library_not_found', 'library: a missing library is library_not_found');
    }
});
attempt('handles: toArray and round trip', static function (): void {
    $default = Referential::default();
    $doc = $default->toArray();
    check($doc['id'] === 'sobriete-reen' && count($doc['questions']) >= 90, 'handles: the default referential\'s document');
    $loaded = Referential::fromJson($doc);
    check($loaded->toJson() === $default->toJson(), 'handles: fromJson(toArray()) gives the same document');
    $copy = clone $loaded;
    unset($loaded);
    gc_collect_cycles();
    check($copy->template()['level'] === 1, 'handles: a clone outlives its original');
});
attempt('handles: memory stays flat', static function () use ($root): void {
    $rss = static function (): int {
        $statm = @file_get_contents('/proc/self/statm');
        return $statm === false ? 0 : (int) explode(' ', $statm)[1] * 4096;
    };
    $text = Referential::default()->toJson();
    $commune = file_get_contents("{$root}/examples/commune-rurale-niveau1.json");
    $cycle = static function () use ($text, $commune): void {
        for ($i = 0; $i < 40; $i++) {
            $r = Referential::fromJson($text);
            $r->score($commune);
            try {
                $r->renderReport($commune, 'text', 'de');
            } catch (SobrieteException) {
            }
            unset($r);
        }
    };
    $cycle();
    $before = $rss();
    $cycle();
    $cycle();
    $cycle();
    $growth = $rss() - $before;
    check($growth < 8 * 1024 * 1024, 'handles: 120 handles made, used and freed: RSS stays flat', sprintf('%.1f MB', $growth / 1048576));
});
attempt('handles: arrays, objects and JSON text give the same report', static function () use ($root): void {
    $text = (string) file_get_contents("{$root}/examples/departement-niveau2.json");
    $ref = Referential::default();
    $fromText = $ref->score($text);
    check(same($ref->score(json_decode($text, true)), $fromText) === null, 'handles: an associative array scores as its text');
    check(same($ref->score(json_decode($text)), $fromText) === null, 'handles: a stdClass scores as its text');
    check(same(Referential::fromJson($ref)->score($text), $fromText) === null, 'handles: fromJson of a Referential copies it');
});
attempt('handles: JSON passthrough', static function () use ($root): void {
    $commune = file_get_contents("{$root}/examples/commune-rurale-niveau1.json");
    $ref = Referential::default();
    $json = $ref->callJson('score', ['assessment' => $commune]);
    check(same(json_decode($json, true), $ref->score($commune)) === null, 'handles: callJson is the JSON of score');
    check(is_string($ref->call('markdown', ['lang' => 'en'])), 'handles: a text result decodes to a string');
});

attempt('library: the preload header for web servers', static function () use ($package, $root): void {
    $header = tempnam(sys_get_temp_dir(), 'sobriete-ffi-') . '.h';
    try {
        $lib = Library::writePreloadHeader($header, Library::load()->path);
        $text = (string) file_get_contents($header);
        check(str_starts_with($text, "#define FFI_SCOPE \"SOBRIETE\"\n#define FFI_LIB \"{$lib}\"\n"), 'library: the preload header names its scope and library');
        if (!function_exists('proc_open')) {
            return;
        }
        // A fresh PHP with ffi.preload and no SOBRIETE_LIB: Library::load() takes the scope.
        $script = 'require ' . var_export("{$package}/autoload.php", true) . '; '
            . 'echo var_export(Sobriete\Library::load()->path, true), " ", '
            . 'Sobriete\Referential::default()->scoreSummary(file_get_contents(' . var_export("{$root}/examples/commune-rurale-niveau1.json", true) . '))["index"];';
        $env = array_diff_key(getenv(), ['SOBRIETE_LIB' => true]);
        $proc = proc_open([PHP_BINARY, '-d', "ffi.preload={$header}", '-r', $script], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        proc_close($proc);
        check($out === 'NULL 28.82', 'library: a preloaded scope is used without SOBRIETE_LIB', trim($out . ' ' . $err));
    } finally {
        @unlink($header);
    }
});

// ---------------------------------------------------------------------------

$failed = count($failures);
if ($failed > 0) {
    fwrite(STDOUT, "php: {$failed} of {$checks} checks failed\n");
    exit(1);
}
fwrite(STDOUT, "php: {$checks} checks passed\n");
exit(0);
