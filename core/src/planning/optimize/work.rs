//! What the stages share: a partial plan (`State`) and the work budget
//! they spend, counted in steps (`Work`, `count`). Its own module so that
//! the stages use it without using each other.

/// A partial plan inside a theme group, or one way to carry out a
/// component (a subset of its actions).
#[derive(Clone)]
pub(super) struct State {
    pub(super) effort: u32,
    pub(super) budget: u32,
    pub(super) weight: Vec<f64>,
    pub(super) credit: Vec<f64>,
    pub(super) actions: Vec<usize>,
}

/// The search's work budget, counted in elementary steps (a partial plan
/// built, compared or swept), never in time: every platform and language
/// stops at the same point and returns the same plan.
pub(super) struct Work {
    pub(super) left: u64,
}

impl Work {
    /// Takes `n` steps from the budget; `None` once it is spent.
    pub(super) fn spend(&mut self, n: u64) -> Option<()> {
        match self.left.checked_sub(n) {
            Some(left) => {
                self.left = left;
                Some(())
            }
            None => {
                self.left = 0;
                None
            }
        }
    }
}

/// A count as work steps.
pub(super) fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}
