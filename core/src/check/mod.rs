//! Validation of referentials and assessments, every problem at once, and
//! the "check, then score" step every operation starts with.

pub mod validate;

use crate::engine::report;
use crate::engine::scoring::ScoreReport;
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
    within(
        DocumentKind::Assessment,
        a,
        crate::input::limits::check_assessment,
    )?;
    let issues = validate::validate_assessment(a, r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Assessment, issues));
    }
    Ok(issues)
}

/// Checks, then scores: the score report of a valid pair, its warnings
/// (answers kept but ignored, another minor version) included.
pub(crate) fn score(r: &Referential, a: &Assessment) -> Result<ScoreReport, Error> {
    let warnings = check_pair(r, a)?;
    Ok(report::score(r, a, warnings))
}
