//! A checked referential is validated once, when built, and every
//! operation then trusts it; a referential that can still change (a plain
//! one, a copy, one given back) is checked on every call.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use sobriete::api::{self, CheckedReferential};
use sobriete::{DocumentKind, Error, IssueCode, Referential};

fn example(r: &Referential) -> sobriete::Assessment {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/commune-rurale-niveau1.json"
    ))
    .unwrap();
    api::parse_assessment(&text, r).unwrap()
}

/// Two questions with one id: an error the validation always reports.
fn broken(mut r: Referential) -> Referential {
    r.questions[1].id = r.questions[0].id.clone();
    r
}

fn is_invalid_referential(result: Result<sobriete::ScoreReport, Error>) -> bool {
    match result {
        Err(Error::Invalid { document, issues }) => {
            document == DocumentKind::Referential
                && issues.iter().any(|i| i.code == IssueCode::DuplicateId)
        }
        _ => false,
    }
}

#[test]
fn a_checked_referential_scores_like_a_plain_one() {
    let plain = api::parse_referential(api::DEFAULT_REFERENTIAL_JSON).unwrap();
    let checked = CheckedReferential::from_json(api::DEFAULT_REFERENTIAL_JSON).unwrap();
    let a = example(&plain);
    let expected = api::score(&plain, &a).unwrap();
    assert_eq!(api::score(&checked, &a).unwrap(), expected);
    assert_eq!(expected.index, Some(28.82));
    // The default one is checked once, and is the same document.
    let default = api::default_checked().unwrap();
    assert!(std::ptr::eq(
        &**default,
        api::default_referential().unwrap()
    ));
    assert_eq!(api::score(default, &a).unwrap(), expected);
}

#[test]
fn an_invalid_referential_is_refused_when_checked() {
    let plain = api::parse_referential(api::DEFAULT_REFERENTIAL_JSON).unwrap();
    match CheckedReferential::new(broken(plain)) {
        Err(Error::Invalid { document, .. }) => assert_eq!(document, DocumentKind::Referential),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_referential_that_can_change_is_checked_on_every_call() {
    let checked = CheckedReferential::from_json(api::DEFAULT_REFERENTIAL_JSON).unwrap();
    let a = example(&checked);
    // A copy of the document is the caller's to change: checked again.
    let copy = broken((*checked).clone());
    assert!(is_invalid_referential(api::score(&copy, &a)));
    // So is the document given back.
    let given_back = broken(checked.clone().into_inner());
    assert!(is_invalid_referential(api::score(&given_back, &a)));
    // A copy of the checked referential stays checked and valid.
    let twin = checked.clone();
    assert_eq!(
        api::score(&twin, &a).unwrap(),
        api::score(&checked, &a).unwrap()
    );
}
