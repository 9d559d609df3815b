//! Ids that look alike but differ: checks of a referential's ids beyond
//! their syntax (which `validate` checks).
//!
//! An id that carries an invisible or reordering character (bidirectional
//! override, zero-width space), or a combining accent (the decomposed, NFD,
//! form of "é"), displays like another id and would be matched as a
//! different one: such ids are `invalid_id`. Two ids of the same collection
//! that differ only by case are a `duplicate_id`: spreadsheets and people
//! confuse them.

use std::collections::BTreeMap;

use crate::model::error::{Issue, IssueCode};
use crate::model::referential::{Referential, Response};

/// Why `id` is confusable, if it is.
pub fn confusable(id: &str) -> Option<&'static str> {
    for c in id.chars() {
        match c {
            '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' => {
                return Some("contains an invisible character (zero-width or soft hyphen)")
            }
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' => {
                return Some("contains a bidirectional control character")
            }
            '\u{0300}'..='\u{036F}' => {
                return Some("contains a combining accent: write the composed character (NFC)")
            }
            _ => {}
        }
    }
    None
}

fn check_group<'a>(ids: impl Iterator<Item = (&'a str, String)>, issues: &mut Vec<Issue>) {
    let mut folded: BTreeMap<String, &'a str> = BTreeMap::new();
    for (id, path) in ids {
        if let Some(why) = confusable(id) {
            issues.push(Issue::error(
                IssueCode::InvalidId,
                path.clone(),
                format!("id {id:?} {why}"),
            ));
        }
        match folded.entry(id.to_lowercase()) {
            std::collections::btree_map::Entry::Occupied(first) if *first.get() != id => issues
                .push(Issue::error(
                    IssueCode::DuplicateId,
                    path,
                    format!("id {id:?} differs from {:?} only by case", first.get()),
                )),
            std::collections::btree_map::Entry::Occupied(_) => {}
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(id);
            }
        }
    }
}

/// Confusable ids of a referential: themes, sub-themes, questions, options
/// and actions.
pub fn check_referential(r: &Referential) -> Vec<Issue> {
    let mut issues = Vec::new();
    check_group(
        r.themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), format!("/themes/{i}/id"))),
        &mut issues,
    );
    for (i, t) in r.themes.iter().enumerate() {
        check_group(
            t.sub_themes
                .iter()
                .enumerate()
                .map(|(j, s)| (s.id.as_str(), format!("/themes/{i}/sub_themes/{j}/id"))),
            &mut issues,
        );
    }
    check_group(
        r.questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), format!("/questions/{i}/id"))),
        &mut issues,
    );
    for (i, q) in r.questions.iter().enumerate() {
        if let Response::SingleChoice { options } | Response::MultipleChoice { options, .. } =
            &q.response
        {
            check_group(
                options.iter().enumerate().map(|(j, o)| {
                    (
                        o.id.as_str(),
                        format!("/questions/{i}/response/options/{j}/id"),
                    )
                }),
                &mut issues,
            );
        }
    }
    check_group(
        r.actions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), format!("/actions/{i}/id"))),
        &mut issues,
    );
    issues
}
