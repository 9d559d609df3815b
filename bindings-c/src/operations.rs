//! One C function per operation of the facade, in the order and with the
//! parameters of the cross-language table: documents as JSON text, NULL
//! for an optional one; text results (reports, CSV, SVG, Markdown) as the
//! text itself, data as JSON.
//!
//! Safety, for every function here: `r` and the other handles are NULL or
//! live handles of this library; every `*const c_char` is NULL or a
//! NUL-terminated string; `out` is NULL or a writable pointer.
#![allow(clippy::missing_safety_doc)]

use std::ffi::c_char;

use super::{operation, Param, SobrieteReferential, SobrieteStatus};

/// Scores an assessment: the score report (index, grade, themes, practices not in place, recommended actions). `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_score(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(r, "score", &[("assessment", Param::Doc(assessment))], out)
}

/// The headline figures of an assessment (index, grade, completeness, theme scores). `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_score_summary(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "score_summary",
        &[("assessment", Param::Doc(assessment))],
        out,
    )
}

/// Scores a JSON array of assessments: an array with, per item, its report or `{"error": …}`. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_score_many(
    r: *const SobrieteReferential,
    assessments: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "score_many",
        &[("assessments", Param::Doc(assessments))],
        out,
    )
}

/// Summaries of a JSON array of assessments: per item, its summary or `{"error": …}`. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_score_summaries(
    r: *const SobrieteReferential,
    assessments: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "score_summaries",
        &[("assessments", Param::Doc(assessments))],
        out,
    )
}

/// An assessment skeleton of every question of the levels up to `level` (1 when negative), for `profile` when given, dated `date` when given. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_template(
    r: *const SobrieteReferential,
    level: i64,
    profile: *const c_char,
    date: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "template",
        &[
            ("level", Param::Int(level)),
            ("profile", Param::Doc(profile)),
            ("date", Param::Str(date)),
        ],
        out,
    )
}

/// Validates any document (its kind detected): the validation report, never an error for the document's own problems. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_validate(
    r: *const SobrieteReferential,
    document: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(r, "validate", &[("document", Param::Doc(document))], out)
}

/// Validates a plan: the validation report. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_validate_plan(
    r: *const SobrieteReferential,
    plan: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(r, "validate_plan", &[("plan", Param::Doc(plan))], out)
}

/// The score report rendered as `format` (`text` by default, `json`, `markdown`, `html`) in `lang` (`fr` by default, `en`). `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_render_report(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    format: *const c_char,
    lang: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "render_report",
        &[
            ("assessment", Param::Doc(assessment)),
            ("format", Param::Str(format)),
            ("lang", Param::Str(lang)),
        ],
        out,
    )
}

/// The full report rendered as `format` in `lang`; `inputs` (NULL: none) is a JSON object of optional documents: `target`, `plan`, `as_of`, `history` (an array), `peers`, `min_group_size`. `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_full_report(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    format: *const c_char,
    lang: *const c_char,
    inputs: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "full_report",
        &[
            ("assessment", Param::Doc(assessment)),
            ("format", Param::Str(format)),
            ("lang", Param::Str(lang)),
            ("inputs", Param::Doc(inputs)),
        ],
        out,
    )
}

/// Every part of the full report as data (`inputs` as in `sobriete_full_report`). `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_full_report_data(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    inputs: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "full_report_data",
        &[
            ("assessment", Param::Doc(assessment)),
            ("inputs", Param::Doc(inputs)),
        ],
        out,
    )
}

/// The gap between an assessment's scores and a target. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_target_gap(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    target: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "target_gap",
        &[
            ("assessment", Param::Doc(assessment)),
            ("target", Param::Doc(target)),
        ],
        out,
    )
}

/// Every action that would raise an answer, with its gain. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_candidates(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "candidates",
        &[("assessment", Param::Doc(assessment))],
        out,
    )
}

/// The plan of least effort reaching the request's target. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_propose(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    request: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "propose",
        &[
            ("assessment", Param::Doc(assessment)),
            ("request", Param::Doc(request)),
        ],
        out,
    )
}

/// A plan document from a proposal (computed from the request when `proposal` is NULL), created on `created`. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_plan_from_proposal(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    request: *const c_char,
    created: *const c_char,
    proposal: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "plan_from_proposal",
        &[
            ("assessment", Param::Doc(assessment)),
            ("request", Param::Doc(request)),
            ("created", Param::Str(created)),
            ("proposal", Param::Doc(proposal)),
        ],
        out,
    )
}

/// Follows a plan up as of `as_of` (`baseline`: NULL for the plan's). `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_plan_status(
    r: *const SobrieteReferential,
    plan: *const c_char,
    as_of: *const c_char,
    baseline: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "plan_status",
        &[
            ("plan", Param::Doc(plan)),
            ("as_of", Param::Str(as_of)),
            ("baseline", Param::Doc(baseline)),
        ],
        out,
    )
}

/// The history of a JSON array of dated assessments. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_history(
    r: *const SobrieteReferential,
    assessments: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "history",
        &[("assessments", Param::Doc(assessments))],
        out,
    )
}

/// What changed between two assessments. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_diff(
    r: *const SobrieteReferential,
    before: *const c_char,
    after: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "diff",
        &[("before", Param::Doc(before)), ("after", Param::Doc(after))],
        out,
    )
}

/// The draft of the next assessment after a plan's done actions, dated `date`. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_next_assessment(
    r: *const SobrieteReferential,
    previous: *const c_char,
    plan: *const c_char,
    date: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "next_assessment",
        &[
            ("previous", Param::Doc(previous)),
            ("plan", Param::Doc(plan)),
            ("date", Param::Str(date)),
        ],
        out,
    )
}

/// Achieved and planned index over time, for a JSON array of assessments. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_progress_series(
    r: *const SobrieteReferential,
    assessments: *const c_char,
    plan: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "progress_series",
        &[
            ("assessments", Param::Doc(assessments)),
            ("plan", Param::Doc(plan)),
        ],
        out,
    )
}

/// Situates an assessment among its peers (`min_group_size` negative: the default). `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_compare(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    peers: *const c_char,
    min_group_size: i64,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "compare",
        &[
            ("assessment", Param::Doc(assessment)),
            ("peers", Param::Doc(peers)),
            ("min_group_size", Param::Int(min_group_size)),
        ],
        out,
    )
}

/// The peer result of an assessment, to publish into a peers file. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_peer_result(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "peer_result",
        &[("assessment", Param::Doc(assessment))],
        out,
    )
}

/// Carries an assessment to the referential `to` across a crosswalk. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_migrate(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    crosswalk: *const c_char,
    to: *const SobrieteReferential,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "migrate",
        &[
            ("assessment", Param::Doc(assessment)),
            ("crosswalk", Param::Doc(crosswalk)),
            ("to", Param::Ref(to)),
        ],
        out,
    )
}

/// The index and theme scores before and after a migration, without making it. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_simulate_migration(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    crosswalk: *const c_char,
    to: *const SobrieteReferential,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "simulate_migration",
        &[
            ("assessment", Param::Doc(assessment)),
            ("crosswalk", Param::Doc(crosswalk)),
            ("to", Param::Ref(to)),
        ],
        out,
    )
}

/// A migration's report, as the command line's `migrate` writes it, in `format` (`text` by default, `markdown`, `json`; not `html`) and `lang`. `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_render_migration(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    crosswalk: *const c_char,
    to: *const SobrieteReferential,
    format: *const c_char,
    lang: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "render_migration",
        &[
            ("assessment", Param::Doc(assessment)),
            ("crosswalk", Param::Doc(crosswalk)),
            ("to", Param::Ref(to)),
            ("format", Param::Str(format)),
            ("lang", Param::Str(lang)),
        ],
        out,
    )
}

/// A migration's simulation, as `migrate --simulate` writes it, in `format` and `lang`. `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_render_migration_simulation(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    crosswalk: *const c_char,
    to: *const SobrieteReferential,
    format: *const c_char,
    lang: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "render_migration_simulation",
        &[
            ("assessment", Param::Doc(assessment)),
            ("crosswalk", Param::Doc(crosswalk)),
            ("to", Param::Ref(to)),
            ("format", Param::Str(format)),
            ("lang", Param::Str(lang)),
        ],
        out,
    )
}

/// Validates a crosswalk from this referential to `to`: the validation report. `out`: JSON.
#[no_mangle]
pub unsafe extern "C" fn sobriete_validate_crosswalk(
    r: *const SobrieteReferential,
    crosswalk: *const c_char,
    to: *const SobrieteReferential,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "validate_crosswalk",
        &[("crosswalk", Param::Doc(crosswalk)), ("to", Param::Ref(to))],
        out,
    )
}

/// CSV of the answers, one row per question. `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_answers_csv(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    lang: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "answers_csv",
        &[
            ("assessment", Param::Doc(assessment)),
            ("lang", Param::Str(lang)),
        ],
        out,
    )
}

/// CSV of the theme scores. `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_themes_csv(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    lang: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "themes_csv",
        &[
            ("assessment", Param::Doc(assessment)),
            ("lang", Param::Str(lang)),
        ],
        out,
    )
}

/// CSV of a plan's actions. `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_plan_csv(
    r: *const SobrieteReferential,
    plan: *const c_char,
    lang: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "plan_csv",
        &[("plan", Param::Doc(plan)), ("lang", Param::Str(lang))],
        out,
    )
}

/// The annual review (Markdown) for `year` (`plan` and `as_of` may be NULL). `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_annual_review(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    year: i64,
    lang: *const c_char,
    plan: *const c_char,
    as_of: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "annual_review",
        &[
            ("assessment", Param::Doc(assessment)),
            ("year", Param::Int(year)),
            ("lang", Param::Str(lang)),
            ("plan", Param::Doc(plan)),
            ("as_of", Param::Str(as_of)),
        ],
        out,
    )
}

/// The radar chart (SVG) of the theme scores (`target`, `peers` may be NULL). `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_radar_svg(
    r: *const SobrieteReferential,
    assessment: *const c_char,
    lang: *const c_char,
    target: *const c_char,
    peers: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "radar_svg",
        &[
            ("assessment", Param::Doc(assessment)),
            ("lang", Param::Str(lang)),
            ("target", Param::Doc(target)),
            ("peers", Param::Doc(peers)),
        ],
        out,
    )
}

/// The evolution chart (SVG) of a JSON array of dated assessments (`plan` may be NULL). `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_evolution_svg(
    r: *const SobrieteReferential,
    assessments: *const c_char,
    lang: *const c_char,
    plan: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        r,
        "evolution_svg",
        &[
            ("assessments", Param::Doc(assessments)),
            ("lang", Param::Str(lang)),
            ("plan", Param::Doc(plan)),
        ],
        out,
    )
}

/// The referential as a readable Markdown document. `out`: the text.
#[no_mangle]
pub unsafe extern "C" fn sobriete_markdown(
    r: *const SobrieteReferential,
    lang: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(r, "markdown", &[("lang", Param::Str(lang))], out)
}

/// Aggregates members' results, e.g. the communes of an intercommunalité (`expected_members` negative: unknown). `out`: JSON (of no referential).
#[no_mangle]
pub unsafe extern "C" fn sobriete_rollup(
    peers: *const c_char,
    expected_members: i64,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        std::ptr::null(),
        "rollup",
        &[
            ("peers", Param::Doc(peers)),
            ("expected_members", Param::Int(expected_members)),
        ],
        out,
    )
}

/// Turns a published referential (`format`: `rgesn`, `minumeco`, `wsg`, `ecoclic`) into the library's format: `{"referential", "report"}`. `out`: JSON (of no referential).
#[no_mangle]
pub unsafe extern "C" fn sobriete_import_referential(
    format: *const c_char,
    source: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        std::ptr::null(),
        "import_referential",
        &[
            ("format", Param::Str(format)),
            ("source", Param::Doc(source)),
        ],
        out,
    )
}

/// Éco-clic's questionnaire as a referential, from `{"sql": dump}` or `{"csv": {table: text}}`. `out`: JSON (of no referential).
#[no_mangle]
pub unsafe extern "C" fn sobriete_import_ecoclic(
    source: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        std::ptr::null(),
        "import_ecoclic",
        &[("source", Param::Doc(source))],
        out,
    )
}

/// Éco-clic's answers as assessments, for `referential` (NULL: imported from the same database). `out`: JSON (of no referential).
#[no_mangle]
pub unsafe extern "C" fn sobriete_import_ecoclic_answers(
    source: *const c_char,
    referential: *const SobrieteReferential,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        std::ptr::null(),
        "import_ecoclic_answers",
        &[
            ("source", Param::Doc(source)),
            ("referential", Param::Ref(referential)),
        ],
        out,
    )
}

/// The crosswalk the other way round (to migrate back). `out`: JSON (of no referential).
#[no_mangle]
pub unsafe extern "C" fn sobriete_invert_crosswalk(
    crosswalk: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    operation(
        std::ptr::null(),
        "invert_crosswalk",
        &[("crosswalk", Param::Doc(crosswalk))],
        out,
    )
}
