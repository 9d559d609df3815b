<?php

/**
 * The maturity index in plain PHP: the baseline of bench.php.
 *
 * A straightforward implementation of the scoring rules documented in
 * docs/scoring.md ("The rules"), written from the documentation and the
 * JSON shapes of the referential and of assessments, as a PHP developer
 * would write it. It does not use the sobriete package, validates nothing
 * beyond what the formula needs, and computes the index, the theme scores
 * and the grade only (no completeness, gaps, actions…).
 *
 *   $score = new PlainScorer($referentialArray);        // prepared once
 *   ['index' => $i, 'grade' => $g, 'themes' => $t] = $score->score(json_decode($text, true));
 *
 * `index` is the maturity index (0–100, 2 decimals, null when no theme has
 * a score), `grade` the grade of the rounded index (null without one),
 * `themes` maps every theme id, in referential order, to its score (2
 * decimals, null when nothing is counted in it).
 *
 * The rules, for an assessment of level L:
 * - a question is shown when its level ≤ L, it applies to the profile
 *   (`applies_to`: kinds, inclusive population range) and, if it has a
 *   condition, its parent question is itself shown and its answer
 *   satisfies the condition (is_yes, is_no, any_of, at_least, less_than);
 * - a shown question is counted unless it is answered "not applicable";
 *   "don't know" and unanswered (or absent) answers are counted and earn 0;
 *   a question whose answers all score 0 is never counted;
 * - its credit is weight × points ÷ max points;
 * - a theme's score is 100 × Σ credit ÷ Σ weight over its counted
 *   questions; the index is the mean of the theme scores weighted by the
 *   theme weights, over the themes that have a score;
 * - published figures are rounded to 2 decimals, half away from zero, on
 *   the decimal value (see round2); the grade is the band with the highest
 *   `min` ≤ the rounded index.
 */

declare(strict_types=1);

final class PlainScorer
{
    /** @var list<array{id: string, weight: float}> */
    private array $themes;
    /** @var array<string, int> theme id => position */
    private array $themeIndex;
    /** @var list<array{grade: string, min: float}> by decreasing min */
    private array $grades;
    /** @var list<array> prepared questions */
    private array $questions;
    /** @var array<string, int> question id => position */
    private array $position;

    public function __construct(array $referential)
    {
        $this->themes = [];
        $this->themeIndex = [];
        foreach ($referential['themes'] as $i => $t) {
            $this->themes[] = ['id' => $t['id'], 'weight' => (float) ($t['weight'] ?? 1)];
            $this->themeIndex[$t['id']] = $i;
        }
        $grades = $referential['grades'] ?? [];
        usort($grades, static fn (array $a, array $b): int => $b['min'] <=> $a['min']);
        $this->grades = $grades;
        $this->questions = [];
        $this->position = [];
        foreach ($referential['questions'] as $i => $q) {
            $optionPoints = [];
            foreach ($q['response']['options'] ?? [] as $o) {
                $optionPoints[$o['id']] ??= $o['points'];
            }
            $this->questions[] = [
                'id' => $q['id'],
                'level' => $q['level'],
                'theme' => $this->themeIndex[$q['theme']] ?? null,
                'weight' => (float) ($q['weight'] ?? 1),
                'response' => $q['response'],
                'applies_to' => $q['applies_to'] ?? null,
                'condition' => $q['condition'] ?? null,
                'max' => self::maxPoints($q['response']),
                'options' => $optionPoints,
            ];
            $this->position[$q['id']] ??= $i;
        }
    }

    /** Rounds to 2 decimals, half away from zero, on the decimal value (25.625 → 25.63). */
    public static function round2(float $x): float
    {
        $y = $x * 100.0;
        $y += ($y < 0 ? -1e-9 : 1e-9);
        $whole = floor(abs($y));
        if (abs($y) - $whole >= 0.5) { // exact: subtracting the integer part of a double
            $whole += 1.0;
        }
        return ($y < 0 ? -$whole : $whole) / 100.0;
    }

    /** The most points an answer to a question can earn. */
    public static function maxPoints(array $response): float
    {
        switch ($response['kind']) {
            case 'yes_no':
                return (float) max($response['yes_points'] ?? 1, $response['no_points'] ?? 0, 0);
            case 'single_choice':
                return (float) max([0, ...array_column($response['options'], 'points')]);
            case 'multiple_choice':
                $sum = array_sum(array_column($response['options'], 'points'));
                return (float) (isset($response['cap']) ? min($sum, $response['cap']) : $sum);
            case 'numeric':
                return (float) max([0, ...array_column($response['bands'], 'points')]);
        }
        throw new \InvalidArgumentException("unknown response kind {$response['kind']}");
    }

    /** Points earned by an answer (not called for N/A and unanswered). */
    private static function answerPoints(array $q, array $answer): float
    {
        $response = $q['response'];
        switch ($answer['kind']) {
            case 'yes':
                return $response['kind'] === 'yes_no' ? (float) ($response['yes_points'] ?? 1) : 0.0;
            case 'no':
                return $response['kind'] === 'yes_no' ? (float) ($response['no_points'] ?? 0) : 0.0;
            case 'choice':
                if ($response['kind'] === 'single_choice') {
                    return (float) ($q['options'][$answer['options'][0] ?? ''] ?? 0);
                }
                if ($response['kind'] === 'multiple_choice') {
                    $sum = 0;
                    foreach (array_unique($answer['options']) as $id) {
                        $sum += $q['options'][$id] ?? 0;
                    }
                    return min((float) $sum, $q['max']);
                }
                return 0.0;
            case 'number':
                if ($response['kind'] !== 'numeric') {
                    return 0.0;
                }
                $points = 0; // below the first band
                foreach ($response['bands'] as $band) {
                    if ($band['from'] <= $answer['value']) {
                        $points = $band['points'];
                    } else {
                        break;
                    }
                }
                return (float) $points;
        }
        return 0.0; // don't know
    }

    private static function applies(?array $scope, array $profile): bool
    {
        if ($scope === null) {
            return true;
        }
        if (!empty($scope['kinds']) && !in_array($profile['kind'], $scope['kinds'], true)) {
            return false;
        }
        if (isset($scope['min_population']) && $profile['population'] < $scope['min_population']) {
            return false;
        }
        if (isset($scope['max_population']) && $profile['population'] > $scope['max_population']) {
            return false;
        }
        return true;
    }

    private static function conditionHolds(array $condition, ?array $answer): bool
    {
        if ($answer === null) {
            return false;
        }
        return match ($condition['kind']) {
            'is_yes' => $answer['kind'] === 'yes',
            'is_no' => $answer['kind'] === 'no',
            'any_of' => $answer['kind'] === 'choice' && array_intersect($answer['options'], $condition['options']) !== [],
            'at_least' => $answer['kind'] === 'number' && $answer['value'] >= $condition['value'],
            'less_than' => $answer['kind'] === 'number' && $answer['value'] < $condition['value'],
            default => throw new \InvalidArgumentException("unknown condition kind {$condition['kind']}"),
        };
    }

    /**
     * The index, grade and theme scores of an assessment (an associative
     * array, as `json_decode($text, true)` gives it).
     *
     * @return array{index: ?float, grade: ?string, themes: array<string, ?float>}
     */
    public function score(array $assessment): array
    {
        $level = $assessment['level'];
        $profile = $assessment['profile'];
        $answers = $assessment['answers'] ?? [];
        $shown = []; // position => bool; false while computing (a cycle hides)
        $isShown = function (int $i) use (&$isShown, &$shown, $level, $profile, $answers): bool {
            if (isset($shown[$i])) {
                return $shown[$i];
            }
            $shown[$i] = false;
            $q = $this->questions[$i];
            $visible = $q['level'] <= $level && self::applies($q['applies_to'], $profile);
            if ($visible && $q['condition'] !== null) {
                $parent = $this->position[$q['condition']['question']] ?? null;
                $visible = $parent !== null
                    && $isShown($parent)
                    && self::conditionHolds($q['condition'], $answers[$q['condition']['question']] ?? null);
            }
            return $shown[$i] = $visible;
        };

        $credit = array_fill(0, count($this->themes), 0.0);
        $weight = array_fill(0, count($this->themes), 0.0);
        foreach ($this->questions as $i => $q) {
            if (!$isShown($i)) {
                continue;
            }
            $answer = $answers[$q['id']] ?? null;
            $kind = $answer === null ? 'unanswered' : $answer['kind'];
            if ($kind === 'not_applicable' || $q['max'] <= 0 || $q['theme'] === null) {
                continue; // not counted (information only when every answer scores 0)
            }
            $points = $kind === 'unanswered' ? 0.0 : min(self::answerPoints($q, $answer), $q['max']);
            $credit[$q['theme']] += $q['weight'] * $points / $q['max'];
            $weight[$q['theme']] += $q['weight'];
        }

        $themeScores = [];
        $weighted = 0.0;
        $total = 0.0;
        foreach ($this->themes as $i => $t) {
            if ($weight[$i] > 0) {
                $raw = 100.0 * $credit[$i] / $weight[$i];
                $themeScores[$t['id']] = self::round2($raw);
                $weighted += $t['weight'] * $raw;
                $total += $t['weight'];
            } else {
                $themeScores[$t['id']] = null;
            }
        }
        $index = $total > 0 ? self::round2($weighted / $total) : null;
        $grade = null;
        if ($index !== null) {
            foreach ($this->grades as $band) {
                if ($band['min'] <= $index) {
                    $grade = $band['grade'];
                    break;
                }
            }
        }
        return ['index' => $index, 'grade' => $grade, 'themes' => $themeScores];
    }
}
