//! Stage 0: which actions are candidates. An action is one when it is not
//! excluded and either raises a question or is required, and every
//! prerequisite that still raises something is a candidate too. Nothing
//! is scored here, so the later stages see exactly the actions a plan may
//! hold.

use std::collections::{BTreeMap, BTreeSet};

use super::Ctx;
use crate::engine::candidates::raises;
use crate::model::error::Error;

/// The candidate actions and what ties them.
pub(super) struct Selection {
    /// Actions the plan must contain.
    pub(super) required: BTreeSet<usize>,
    /// Per action, its prerequisites that still raise something (they must
    /// be in the plan too).
    pub(super) prereqs: Vec<Vec<usize>>,
    /// Per action, whether a plan may contain it.
    pub(super) candidate: Vec<bool>,
}

/// The candidates of a request; an error when a required action has an
/// excluded prerequisite.
pub(super) fn select(ctx: &Ctx<'_>) -> Result<Selection, Error> {
    let (r, a, req) = (ctx.r, ctx.a, ctx.req);
    let n_actions = r.actions.len();
    let action_index: BTreeMap<&str, usize> = r
        .actions
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let raising: Vec<bool> = r
        .actions
        .iter()
        .map(|x| !raises(r, &a.answers, x).is_empty())
        .collect();
    let raise = |i: usize| raising.get(i).copied().unwrap_or(false);
    let excluded: BTreeSet<usize> = req
        .exclude
        .iter()
        .filter_map(|id| action_index.get(id.as_str()).copied())
        .collect();
    let required: BTreeSet<usize> = req
        .require
        .iter()
        .filter_map(|id| action_index.get(id.as_str()).copied())
        .collect();
    let prereqs: Vec<Vec<usize>> = r
        .actions
        .iter()
        .map(|x| {
            x.requires
                .iter()
                .filter_map(|id| action_index.get(id.as_str()).copied())
                .filter(|&j| raise(j))
                .collect()
        })
        .collect();
    let mut candidate: Vec<bool> = (0..n_actions)
        .map(|i| !excluded.contains(&i) && (raise(i) || required.contains(&i)))
        .collect();
    drop_blocked(&mut candidate, &prereqs);
    for &i in &required {
        if candidate.get(i) != Some(&true) {
            let id = r.actions.get(i).map(|x| x.id.as_str()).unwrap_or_default();
            return Err(Error::InvalidArgument {
                name: "require".to_owned(),
                message: format!(
                    "action {id:?} is required but one of its prerequisites is excluded"
                ),
            });
        }
    }
    Ok(Selection {
        required,
        prereqs,
        candidate,
    })
}

/// Drops, until nothing changes, the candidates with a prerequisite that
/// is not one.
fn drop_blocked(candidate: &mut [bool], prereqs: &[Vec<usize>]) {
    loop {
        let mut changed = false;
        for i in 0..candidate.len() {
            if candidate.get(i) == Some(&true) {
                let blocked = prereqs
                    .get(i)
                    .is_some_and(|p| p.iter().any(|&j| candidate.get(j) != Some(&true)));
                if blocked {
                    if let Some(c) = candidate.get_mut(i) {
                        *c = false;
                    }
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}
