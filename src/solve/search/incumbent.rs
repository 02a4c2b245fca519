//! The best solution a search has found, which every node is pruned against.

/// A solution a search can keep: its value and a strict order that decides replacements.
pub(crate) trait Candidate {
    /// The value of having no solution yet (`+∞` when minimising, `−∞` when maximising), so
    /// that a search without an incumbent prunes nothing.
    const NONE: f64;

    /// The objective value.
    fn value(&self) -> f64;

    /// Whether `self` should replace `kept`. Strict, so that a tie keeps the earlier
    /// solution (or the one a total order prefers) and the answer never depends on which of
    /// two equal solutions happened to be offered last.
    fn better_than(&self, kept: &Self) -> bool;
}

/// The best solution so far.
#[derive(Debug, Clone)]
pub(crate) struct Incumbent<S> {
    best: Option<S>,
}

impl<S: Candidate> Incumbent<S> {
    /// An incumbent holding `start`, if a first solution is known.
    pub(crate) fn new(start: Option<S>) -> Incumbent<S> {
        Incumbent { best: start }
    }

    /// The value nodes are pruned against ([`Candidate::NONE`] while nothing is kept).
    pub(crate) fn value(&self) -> f64 {
        self.best.as_ref().map_or(S::NONE, S::value)
    }

    /// The solution kept, if any.
    pub(crate) fn best(&self) -> Option<&S> {
        self.best.as_ref()
    }

    /// Keeps `candidate` if it is better than the solution kept (or nothing is kept); says
    /// whether it did.
    pub(crate) fn offer(&mut self, candidate: S) -> bool {
        if self.best.as_ref().is_none_or(|b| candidate.better_than(b)) {
            self.best = Some(candidate);
            true
        } else {
            false
        }
    }

    /// The solution kept, if any.
    pub(crate) fn into_best(self) -> Option<S> {
        self.best
    }
}
