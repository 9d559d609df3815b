//! The default referential's versions: 1.0.0 kept as a file, the crosswalk
//! from it to the embedded version, and every 1.0.0 assessment we ship
//! (examples, golden vectors) carried forward without loss and back again.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use sobriete::model::crosswalk::{Crosswalk, Outcome};
use sobriete::{api, Answer, Referential};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    let p = root().join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn previous() -> Referential {
    api::parse_referential(&read("core/referential/sobriete-reen-1.0.0.json"))
        .expect("1.0.0 parses")
}

fn crosswalk() -> Crosswalk {
    api::parse_crosswalk(&read("core/referential/crosswalk-1.0.0-to-1.1.0.json"))
        .expect("the crosswalk parses")
}

#[test]
fn the_previous_version_is_kept_valid() {
    let old = previous();
    assert_eq!(
        (old.id.as_str(), old.version.as_str()),
        ("sobriete-reen", "1.0.0")
    );
    let report = api::validate_referential(&old);
    assert!(report.issues.is_empty(), "{:?}", report.issues);
    let new = api::default_referential().unwrap();
    assert_eq!(
        (new.id.as_str(), new.version.as_str()),
        ("sobriete-reen", "1.1.0")
    );
}

#[test]
fn the_crosswalk_accounts_for_every_question() {
    let new = api::default_referential().unwrap();
    let report = api::validate_crosswalk(&crosswalk(), &previous(), new);
    // Not even a warning: every question that left 1.0.0 is mapped, every
    // new one is added on purpose.
    assert!(report.issues.is_empty(), "{:?}", report.issues);
    let back = api::invert_crosswalk(&crosswalk()).expect("it can be undone");
    let report = api::validate_crosswalk(&back, new, &previous());
    assert!(report.issues.is_empty(), "{:?}", report.issues);
}

/// Every assessment on 1.0.0 that the repository ships.
fn assessments_on_1_0_0() -> Vec<(String, String)> {
    let dir = root().join("tests/referential-1.0.0");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{} fixtures", files.len());
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn every_assessment_goes_to_1_1_0_without_loss_and_back() {
    let old = previous();
    let new = api::default_referential().unwrap();
    let forward = crosswalk();
    let backward = api::invert_crosswalk(&forward).unwrap();
    for (name, json) in assessments_on_1_0_0() {
        let a = api::parse_assessment(&json, &old).unwrap_or_else(|e| panic!("{name}: {e}"));
        let m = api::migrate(&old, &a, &forward, new).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Every source answer is in the report: carried, transformed or
        // not carried with its reason.
        let reported: BTreeSet<&str> = m
            .report
            .entries
            .iter()
            .flat_map(|e| e.from.iter().map(String::as_str))
            .collect();
        for (id, answer) in &a.answers {
            if !matches!(answer, Answer::Unanswered { .. }) {
                assert!(
                    reported.contains(id.as_str()),
                    "{name}: {id} is not reported"
                );
            }
        }
        for e in &m.report.entries {
            if e.outcome == Outcome::NotCarried {
                assert!(
                    e.reason.is_some(),
                    "{name}: {:?} not carried without reason",
                    e.from
                );
            }
        }
        // The migrated assessment is on 1.1.0 and scores.
        assert_eq!(m.assessment.referential.version, "1.1.0", "{name}");
        api::score(new, &m.assessment).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Back again: the originals, answer for answer.
        let back = api::migrate(new, &m.assessment, &backward, &old)
            .unwrap_or_else(|e| panic!("{name} back: {e}"));
        let answered = |a: &sobriete::Assessment| {
            a.answers
                .iter()
                .filter(|(_, x)| !matches!(x, Answer::Unanswered { .. }))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Vec<_>>()
        };
        let mut got = answered(&back.assessment);
        let mut want = answered(&a);
        got.sort_by(|x, y| x.0.cmp(&y.0));
        want.sort_by(|x, y| x.0.cmp(&y.0));
        assert_eq!(got, want, "{name}: back to 1.0.0 differs");
        assert_eq!(
            api::score(&old, &back.assessment).unwrap().index,
            api::score(&old, &a).unwrap().index,
            "{name}"
        );
    }
}
