//! Validation of referentials and assessments, every problem at once, and
//! the "check, then score" step every operation starts with.

pub mod validate;

use crate::engine::report;
use crate::engine::scoring::{answers_at, Facts, ScoreReport};
use crate::model::assessment::Answer;
use crate::model::assessment::Assessment;
use crate::model::error::{DocumentKind, Error, Issue};
use crate::model::referential::Referential;

/// Errors first, each group in discovery order (a stable sort).
pub(crate) fn sort_issues(issues: &mut [Issue]) {
    issues.sort_by_key(|i| i.severity);
}

/// The error of a document with these issues, errors first.
pub(crate) fn invalid(document: DocumentKind, mut issues: Vec<Issue>) -> Error {
    sort_issues(&mut issues);
    Error::Invalid { document, issues }
}

/// The counts of a document against [`crate::input::limits`], as an error of `kind`.
pub(crate) fn within<T>(
    kind: DocumentKind,
    doc: &T,
    check: impl Fn(&T) -> Result<(), Issue>,
) -> Result<(), Error> {
    check(doc).map_err(|i| invalid(kind, vec![i]))
}

/// Checks a referential before use. A checked referential (the embedded
/// one, or any held by `api::CheckedReferential`) was checked when it was
/// built and cannot change: checking it again (about a millisecond, seven
/// in WebAssembly) would dominate scoring one assessment.
pub(crate) fn check_referential(r: &Referential) -> Result<(), Error> {
    within(
        DocumentKind::Referential,
        r,
        crate::input::limits::check_referential,
    )?;
    if r.lookup.is_checked() {
        return Ok(());
    }
    let issues = validate::validate_referential(r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Referential, issues));
    }
    Ok(())
}

/// Validates both documents; returns the assessment's warnings.
pub(crate) fn check_pair(r: &Referential, a: &Assessment) -> Result<Vec<Issue>, Error> {
    check_referential(r)?;
    within_limits(a)?;
    check_assessment(a, &Facts::of(r), &answers_at(r, &a.answers))
}

fn within_limits(a: &Assessment) -> Result<(), Error> {
    within(
        DocumentKind::Assessment,
        a,
        crate::input::limits::check_assessment,
    )
}

/// Validates an assessment within the limits against a checked
/// referential, of which `facts` are the facts and `at` the answers by
/// position; returns its warnings.
fn check_assessment(
    a: &Assessment,
    facts: &Facts<'_>,
    at: &[Option<&Answer>],
) -> Result<Vec<Issue>, Error> {
    let issues = validate::validate_assessment_at(a, facts, at);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Assessment, issues));
    }
    Ok(issues)
}

/// Checks, then scores: the score report of a valid pair, its warnings
/// (answers kept but ignored, another minor version) included.
pub(crate) fn score(r: &Referential, a: &Assessment) -> Result<ScoreReport, Error> {
    check_referential(r)?;
    within_limits(a)?;
    // The facts of the referential and the answers by position serve the
    // validation and the scoring.
    let facts = Facts::of(r);
    let at = answers_at(r, &a.answers);
    let warnings = check_assessment(a, &facts, &at)?;
    Ok(report::score_with(facts, a, at, warnings))
}
