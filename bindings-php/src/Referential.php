<?php

declare(strict_types=1);

namespace Sobriete;

use FFI\CData;

/**
 * A referential (the questionnaire, its themes, weights, grades and
 * actions), checked once when made, and every operation on it.
 *
 * Documents (assessments, plans, requests, peers, …) are given as PHP
 * arrays (or objects: `stdClass`, `JsonSerializable`), or as strings
 * holding their JSON text; results are associative arrays (data), lists
 * or strings (rendered reports, CSV, SVG, Markdown). An empty PHP array
 * `[]` is encoded as a JSON list: write an empty JSON object as
 * `new \stdClass()` or `(object) []` (e.g. `'answers' => new \stdClass()`).
 *
 * Method and parameter names are those of the cross-language operations
 * table (tests/bindings/operations.json) in camelCase; {@see call()} runs
 * any operation by its snake_case name with snake_case arguments.
 *
 * An invalid document raises {@see ValidationException} (every issue with
 * its JSON path); an invalid argument (an unknown `lang` or `format`, a
 * malformed date, …) raises {@see SobrieteException}.
 */
final class Referential
{
    private ?string $json = null;

    private function __construct(
        private readonly Library $library,
        private CData $handle,
    ) {
    }

    /** The default referential (written from the REEN law), shipped inside the library. */
    public static function default(?Library $library = null): self
    {
        $library ??= Library::load();
        return new self($library, $library->newHandle(null));
    }

    /**
     * A referential from its document (an array, an object or its JSON
     * text), checked once here: a broken one raises
     * {@see ValidationException} with every issue (document `referential`).
     */
    public static function fromJson(string|array|object $document, ?Library $library = null): self
    {
        if ($document instanceof self) {
            return clone $document;
        }
        $library ??= Library::load();
        if (!is_string($document)) {
            try {
                $document = json_encode($document, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
            } catch (\JsonException $e) {
                throw SobrieteException::make('invalid_argument', "the referential cannot be encoded as JSON: {$e->getMessage()}", 'json', $e);
            }
        }
        return new self($library, $library->newHandle($document));
    }

    public function __destruct()
    {
        $this->library->freeHandle($this->handle);
    }

    public function __clone()
    {
        // Two objects must never free the same handle: a clone gets its own.
        $this->handle = $this->library->newHandle($this->toJson());
    }

    /** The referential document as JSON text. */
    public function toJson(): string
    {
        return $this->json ??= $this->library->handleToJson($this->handle);
    }

    /** The referential document. */
    public function toArray(): array
    {
        return Library::decode($this->toJson());
    }

    /**
     * Any operation of the table by its name, with its arguments by name
     * (null: the default); the result decoded.
     *
     * @param array<string, mixed> $args
     */
    public function call(string $operation, array $args = []): mixed
    {
        return $this->library->call($this->handle, $operation, $args);
    }

    /**
     * Any operation by name, its result as the JSON text the library wrote
     * (to send on as is, e.g. in an HTTP response).
     *
     * @param array<string, mixed> $args
     */
    public function callJson(string $operation, array $args = []): string
    {
        return $this->library->callJson($this->handle, $operation, $args);
    }

    // -- scoring -------------------------------------------------------------

    /** The score report: index, grade, themes, gaps, recommended actions, Éco-clic figure. */
    public function score(array|object|string $assessment): array
    {
        return $this->call('score', ['assessment' => $assessment]);
    }

    /** The headline figures (index, grade, completeness, theme scores). */
    public function scoreSummary(array|object|string $assessment): array
    {
        return $this->call('score_summary', ['assessment' => $assessment]);
    }

    /**
     * The score report of every assessment, in order: per item the report,
     * or `['error' => [...]]` (the error's fields) for an invalid one.
     */
    public function scoreMany(array $assessments): array
    {
        return $this->call('score_many', ['assessments' => array_values($assessments)]);
    }

    /**
     * The summary of every assessment, in order: per item the summary, or
     * `['error' => [...]]` (the error's fields) for an invalid one.
     */
    public function scoreSummaries(array $assessments): array
    {
        return $this->call('score_summaries', ['assessments' => array_values($assessments)]);
    }

    /** An assessment skeleton with every question of the levels up to `$level`. */
    public function template(int $level = 1, array|object|string|null $profile = null, ?string $date = null): array
    {
        return $this->call('template', ['level' => $level, 'profile' => $profile, 'date' => $date]);
    }

    /** Validates any document (its kind detected): the validation report; never raises for the document's problems. */
    public function validate(array|object|string $document): array
    {
        return $this->call('validate', ['document' => $document]);
    }

    /** Validates a plan: the validation report. */
    public function validatePlan(array|object|string $plan): array
    {
        return $this->call('validate_plan', ['plan' => $plan]);
    }

    // -- reports -------------------------------------------------------------

    /** The score report rendered as `text`, `json`, `markdown` or `html`, in `fr` or `en`. */
    public function renderReport(array|object|string $assessment, string $format = 'text', string $lang = 'fr'): string
    {
        return $this->call('render_report', ['assessment' => $assessment, 'format' => $format, 'lang' => $lang]);
    }

    /**
     * The full report rendered; `$inputs` holds the optional documents:
     * `target`, `plan`, `as_of`, `history` (a list), `peers`, `min_group_size`.
     */
    public function fullReport(array|object|string $assessment, array $inputs = [], string $format = 'text', string $lang = 'fr'): string
    {
        return $this->call('full_report', [
            'assessment' => $assessment, 'format' => $format, 'lang' => $lang, 'inputs' => self::inputs($inputs),
        ]);
    }

    /** Every part of the full report as data (`$inputs` as in {@see fullReport()}). */
    public function fullReportData(array|object|string $assessment, array $inputs = []): array
    {
        return $this->call('full_report_data', ['assessment' => $assessment, 'inputs' => self::inputs($inputs)]);
    }

    /** CSV of the answers, one row per question. */
    public function answersCsv(array|object|string $assessment, string $lang = 'fr'): string
    {
        return $this->call('answers_csv', ['assessment' => $assessment, 'lang' => $lang]);
    }

    /** CSV of the theme scores. */
    public function themesCsv(array|object|string $assessment, string $lang = 'fr'): string
    {
        return $this->call('themes_csv', ['assessment' => $assessment, 'lang' => $lang]);
    }

    /** CSV of a plan's actions. */
    public function planCsv(array|object|string $plan, string $lang = 'fr'): string
    {
        return $this->call('plan_csv', ['plan' => $plan, 'lang' => $lang]);
    }

    /** The annual review (Markdown) for `$year`. */
    public function annualReview(
        array|object|string $assessment,
        int $year,
        string $lang = 'fr',
        array|object|string|null $plan = null,
        ?string $asOf = null,
    ): string {
        return $this->call('annual_review', [
            'assessment' => $assessment, 'year' => $year, 'lang' => $lang, 'plan' => $plan, 'as_of' => $asOf,
        ]);
    }

    /** The radar chart (SVG) of the theme scores. */
    public function radarSvg(
        array|object|string $assessment,
        string $lang = 'fr',
        array|object|string|null $target = null,
        array|object|string|null $peers = null,
    ): string {
        return $this->call('radar_svg', ['assessment' => $assessment, 'lang' => $lang, 'target' => $target, 'peers' => $peers]);
    }

    /** The evolution chart (SVG) of dated assessments. */
    public function evolutionSvg(array $assessments, string $lang = 'fr', array|object|string|null $plan = null): string
    {
        return $this->call('evolution_svg', ['assessments' => array_values($assessments), 'lang' => $lang, 'plan' => $plan]);
    }

    /** The referential as a readable Markdown document. */
    public function markdown(string $lang = 'fr'): string
    {
        return $this->call('markdown', ['lang' => $lang]);
    }

    // -- planning ------------------------------------------------------------

    /** The gap between an assessment's scores and a target. */
    public function targetGap(array|object|string $assessment, array|object|string $target): array
    {
        return $this->call('target_gap', ['assessment' => $assessment, 'target' => $target]);
    }

    /** Every action that would raise an answer, with its gain. */
    public function candidates(array|object|string $assessment): array
    {
        return $this->call('candidates', ['assessment' => $assessment]);
    }

    /** The plan of least effort reaching the request's target. */
    public function propose(array|object|string $assessment, array|object|string $request): array
    {
        return $this->call('propose', ['assessment' => $assessment, 'request' => $request]);
    }

    /** A plan document from a proposal (computed from the request when `$proposal` is null), created on `$created`. */
    public function planFromProposal(
        array|object|string $assessment,
        array|object|string $request,
        string $created,
        array|object|string|null $proposal = null,
    ): array {
        return $this->call('plan_from_proposal', [
            'assessment' => $assessment, 'request' => $request, 'created' => $created, 'proposal' => $proposal,
        ]);
    }

    /** Follows a plan up as of `$asOf` (YYYY-MM-DD); `$baseline` null: the plan's own. */
    public function planStatus(array|object|string $plan, string $asOf, array|object|string|null $baseline = null): array
    {
        return $this->call('plan_status', ['plan' => $plan, 'as_of' => $asOf, 'baseline' => $baseline]);
    }

    /** The history of dated assessments. */
    public function history(array $assessments): array
    {
        return $this->call('history', ['assessments' => array_values($assessments)]);
    }

    /** What changed between two assessments. */
    public function diff(array|object|string $before, array|object|string $after): array
    {
        return $this->call('diff', ['before' => $before, 'after' => $after]);
    }

    /** The draft of the next assessment after a plan's done actions, dated `$date`. */
    public function nextAssessment(array|object|string $previous, array|object|string $plan, string $date): array
    {
        return $this->call('next_assessment', ['previous' => $previous, 'plan' => $plan, 'date' => $date]);
    }

    /** Achieved and planned index over time. */
    public function progressSeries(array $assessments, array|object|string $plan): array
    {
        return $this->call('progress_series', ['assessments' => array_values($assessments), 'plan' => $plan]);
    }

    /** Situates an assessment among its peers. */
    public function compare(array|object|string $assessment, array|object|string $peers, ?int $minGroupSize = null): array
    {
        return $this->call('compare', ['assessment' => $assessment, 'peers' => $peers, 'min_group_size' => $minGroupSize]);
    }

    /** The peer result of an assessment, to publish into a peers file. */
    public function peerResult(array|object|string $assessment): array
    {
        return $this->call('peer_result', ['assessment' => $assessment]);
    }

    // -- migration -----------------------------------------------------------

    /** Carries an assessment to the referential `$to` across a crosswalk. */
    public function migrate(array|object|string $assessment, array|object|string $crosswalk, array|object|string $to): array
    {
        return $this->call('migrate', ['assessment' => $assessment, 'crosswalk' => $crosswalk, 'to' => $to]);
    }

    /** The index and theme scores before and after a migration, without making it. */
    public function simulateMigration(array|object|string $assessment, array|object|string $crosswalk, array|object|string $to): array
    {
        return $this->call('simulate_migration', ['assessment' => $assessment, 'crosswalk' => $crosswalk, 'to' => $to]);
    }

    /**
     * Migrates an assessment to `$to` and renders the migration's report as
     * the command line's `migrate` writes it (`text`, `markdown` or `json`).
     */
    public function renderMigration(array|object|string $assessment, array|object|string $crosswalk, array|object|string $to, string $format = 'text', string $lang = 'fr'): string
    {
        return $this->call('render_migration', ['assessment' => $assessment, 'crosswalk' => $crosswalk, 'to' => $to, 'format' => $format, 'lang' => $lang]);
    }

    /** The simulation of a migration, rendered as `migrate --simulate` writes it. */
    public function renderMigrationSimulation(array|object|string $assessment, array|object|string $crosswalk, array|object|string $to, string $format = 'text', string $lang = 'fr'): string
    {
        return $this->call('render_migration_simulation', ['assessment' => $assessment, 'crosswalk' => $crosswalk, 'to' => $to, 'format' => $format, 'lang' => $lang]);
    }

    /** Validates a crosswalk from this referential to `$to`: the validation report. */
    public function validateCrosswalk(array|object|string $crosswalk, array|object|string $to): array
    {
        return $this->call('validate_crosswalk', ['crosswalk' => $crosswalk, 'to' => $to]);
    }

    /** The full report's inputs as an object (null when there are none). */
    private static function inputs(array $inputs): ?array
    {
        $inputs = array_filter($inputs, static fn ($v): bool => $v !== null);
        return $inputs === [] ? null : $inputs;
    }
}
