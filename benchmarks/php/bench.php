<?php

/**
 * PHP benchmark: the sobriete C library through FFI against plain PHP.
 *
 *   SOBRIETE_LIB=target/release/libsobriete_c.so php benchmarks/php/bench.php [--n 1000] [--seed 0] [--repeat 3]
 *
 * Generates --n valid level-2 assessments of the default referential
 * (deterministic for a --seed: random profiles, answers from mostly good to
 * mostly absent, don't know, not applicable, hidden questions answered
 * anyway), as JSON text (what a server receives), then scores them (best of
 * --repeat runs each):
 * - FFI batch: one `scoreSummaries` call for the whole list;
 * - FFI per item: `score` (the full report: gaps, recommended actions and
 *   the gain of each) and `scoreSummary` in a loop;
 * - plain PHP: `json_decode` + PlainScorer (the documented formula,
 *   PlainScorer.php).
 * Every item's index, grade and theme scores must be the same in plain PHP
 * and in every FFI result (the run exits 1 otherwise); the largest index
 * difference is printed. Prints a Markdown table.
 */

declare(strict_types=1);

use Sobriete\Referential;
use Sobriete\Sobriete;

$root = dirname(__DIR__, 2);
require "{$root}/bindings-php/autoload.php";
require __DIR__ . '/PlainScorer.php';

$options = getopt('', ['n:', 'seed:', 'repeat:']);
$n = max(1, (int) ($options['n'] ?? 1000));
$seed = (int) ($options['seed'] ?? 0);
$repeat = max(1, (int) ($options['repeat'] ?? 3));

/** A random float in [0, 1). */
function rnd(): float
{
    return mt_rand() / (mt_getrandmax() + 1);
}

function pick(array $xs): mixed
{
    return $xs[mt_rand(0, count($xs) - 1)];
}

/** One valid assessment of the referential (the rules of bindings-python/benchmarks/generate.py). */
function generateOne(array $referential, int $i, int $level): array
{
    static $profiles = [
        ['commune', 40, 2000, 30], ['commune', 2000, 50000, 15], ['commune', 50000, 50002, 3],
        ['commune', 50001, 2000000, 8], ['communaute_de_communes', 3000, 80000, 10],
        ['communaute_d_agglomeration', 50000, 300000, 8], ['communaute_urbaine', 100000, 600000, 4],
        ['metropole', 200000, 2000000, 4], ['departement', 75000, 2700000, 10], ['region', 300000, 12000000, 3],
        ['syndicat_or_opsn', 1000, 500000, 3], ['other', 0, 10000, 2],
    ];
    $r = rnd() * 100;
    foreach ($profiles as [$kind, $lo, $hi, $w]) {
        if (($r -= $w) < 0) {
            break;
        }
    }
    $population = $lo > 0 ? (int) round($lo * ($hi / $lo) ** rnd()) : mt_rand($lo, $hi);
    $profile = ['name' => "Collectivité n° {$i}", 'kind' => $kind, 'population' => min(max($population, $lo), $hi)];
    if (rnd() < 0.8) {
        $profile['departement'] = pick(['01', '13', '23', '2A', '33', '59', '69', '75', '87', '974']);
    }
    $quality = rnd();
    $answers = [];
    foreach ($referential['questions'] as $q) {
        if ($q['level'] > $level && rnd() < 0.9) {
            continue;
        }
        $x = rnd();
        $response = $q['response'];
        $good = rnd() < $quality;
        if ($x < 0.05) {
            continue;
        } elseif ($x < 0.08) {
            $answer = ['kind' => 'unanswered'];
        } elseif ($x < 0.14 && ($q['allow_dont_know'] ?? true)) {
            $answer = ['kind' => 'dont_know'];
        } elseif ($x < 0.22 && ($q['allow_not_applicable'] ?? false)) {
            $answer = ['kind' => 'not_applicable', 'justification' => 'Sans objet'];
        } elseif ($response['kind'] === 'yes_no') {
            $yesBetter = ($response['yes_points'] ?? 1) >= ($response['no_points'] ?? 0);
            $answer = ['kind' => $good === $yesBetter ? 'yes' : 'no'];
        } elseif ($response['kind'] === 'single_choice') {
            $options = $response['options'];
            usort($options, static fn (array $a, array $b): int => $a['points'] <=> $b['points']);
            $half = $good ? array_slice($options, intdiv(count($options), 2)) : array_slice($options, 0, intdiv(count($options) + 1, 2));
            $answer = ['kind' => 'choice', 'options' => [pick($half)['id']]];
        } elseif ($response['kind'] === 'multiple_choice') {
            $share = $good ? 0.7 : 0.25;
            $chosen = array_values(array_filter(array_column($response['options'], 'id'), static fn (): bool => rnd() < $share));
            shuffle($chosen);
            $answer = ['kind' => 'choice', 'options' => $chosen];
        } else { // numeric: band thresholds on purpose, integers, decimals
            $froms = array_column($response['bands'], 'from');
            $lo2 = $response['min'] ?? ($froms ? min($froms) - 5 : 0);
            $hi2 = $response['max'] ?? ($froms ? max($froms) * 2 + 10 : 100);
            $y = rnd();
            if ($y < 0.3 && $froms) {
                $value = (float) pick(array_values(array_filter([...$froms, $lo2, $hi2], static fn ($v): bool => $v >= $lo2 && $v <= $hi2)));
            } elseif ($y < 0.6) {
                $value = (float) mt_rand((int) ceil($lo2), (int) floor($hi2));
            } else {
                $value = round($lo2 + ($hi2 - $lo2) * rnd(), mt_rand(1, 3));
            }
            $answer = ['kind' => 'number', 'value' => $value];
        }
        $answers[$q['id']] = $answer;
    }
    return [
        'referential' => ['id' => $referential['id'], 'version' => $referential['version']],
        'profile' => $profile,
        'date' => sprintf('%d-%02d-%02d', mt_rand(2024, 2026), mt_rand(1, 12), mt_rand(1, 28)),
        'level' => $level,
        'answers' => $answers === [] ? new stdClass() : $answers,
    ];
}

/** Best of $repeat runs: [milliseconds, last result]. */
function measure(callable $fn, int $repeat): array
{
    $best = INF;
    $result = null;
    for ($i = 0; $i < $repeat; $i++) {
        $result = null;
        gc_collect_cycles();
        $t0 = hrtime(true);
        $result = $fn();
        $best = min($best, (hrtime(true) - $t0) / 1e6);
    }
    return [$best, $result];
}

$ref = Referential::default();
$referential = $ref->toArray();
mt_srand($seed);
$texts = [];
for ($i = 0; $i < $n; $i++) {
    $texts[] = json_encode(generateOne($referential, $i, 2), JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
}

$plain = new PlainScorer($referential);
[$msPlain, $plainResults] = measure(static fn (): array => array_map(
    static fn (string $t): array => $plain->score(json_decode($t, true, 512, JSON_THROW_ON_ERROR)),
    $texts,
), $repeat);
[$msBatch, $batch] = measure(static fn (): array => $ref->scoreSummaries($texts), $repeat);
[$msSummary, $summaries] = measure(static fn (): array => array_map(static fn (string $t): array => $ref->scoreSummary($t), $texts), $repeat);
[$msScore, $reports] = measure(static fn (): array => array_map(static fn (string $t): array => $ref->score($t), $texts), $repeat);

// Agreement: index, grade and theme scores of every item.
$mismatches = 0;
$maxDiff = 0.0;
foreach ($plainResults as $i => $p) {
    foreach (['batch' => $batch[$i], 'summary' => $summaries[$i], 'score' => $reports[$i]] as $via => $got) {
        if (isset($got['error'])) {
            fwrite(STDERR, "#{$i} ({$via}): invalid: {$got['error']['message']}\n");
            $mismatches++;
            continue;
        }
        $grade = is_array($got['grade']) ? $got['grade']['grade'] : $got['grade'];
        $themes = [];
        foreach ($got['themes'] as $t) {
            $themes[$t['id']] = $t['score'] === null ? null : (float) $t['score'];
        }
        $index = $got['index'] === null ? null : (float) $got['index'];
        if ($index !== null && $p['index'] !== null) {
            $maxDiff = max($maxDiff, abs($index - $p['index']));
        }
        if ($index !== $p['index'] || $grade !== $p['grade'] || $themes !== $p['themes']) {
            $mismatches++;
            if ($mismatches <= 5) {
                fwrite(STDERR, "#{$i} ({$via}): plain PHP " . json_encode($p) . ' library ' . json_encode(['index' => $index, 'grade' => $grade, 'themes' => $themes]) . "\n");
            }
        }
    }
}

$cpu = 'unknown';
foreach (@file('/proc/cpuinfo') ?: [] as $line) {
    if (str_starts_with($line, 'model name')) {
        $cpu = trim(explode(':', $line, 2)[1]);
        break;
    }
}
$nproc = (int) trim((string) @shell_exec('nproc 2>/dev/null')) ?: '?';
printf("PHP %s, sobriete %s (C ABI %d), %s, %s CPUs; %d level-2 assessments (seed %d) as JSON text, best of %d\n\n",
    PHP_VERSION, Sobriete::version(), Sobriete::abiVersion(), $cpu, $nproc, $n, $seed, $repeat);
$rows = [
    ['FFI batch (`scoreSummaries`)', $msBatch],
    ['FFI per item (`scoreSummary`)', $msSummary],
    ['FFI per item (`score`, full report)', $msScore],
    ['plain PHP (`json_decode` + PlainScorer)', $msPlain],
];
echo "| method | items | ms | µs / item | plain PHP ÷ method |\n|---|---:|---:|---:|---:|\n";
foreach ($rows as [$label, $ms]) {
    printf("| %s | %d | %.1f | %.1f | %.2f× |\n", $label, $n, $ms, 1000 * $ms / $n, $msPlain / $ms);
}
printf("\nagreement: %d items × 3 FFI methods, %d mismatches of index, grade or theme scores; max index difference %s\n",
    $n, $mismatches, rtrim(rtrim(sprintf('%.6f', $maxDiff), '0'), '.') ?: '0');
exit($mismatches === 0 ? 0 : 1);
