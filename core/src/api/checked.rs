//! A referential checked once: the type bindings and servers hold, so that
//! no operation validates it again.

use std::ops::Deref;
use std::sync::OnceLock;

use serde_json::Value;

use crate::model::error::Error;
use crate::model::referential::Referential;

/// A referential that passed the limits and validation when it was built
/// and cannot be changed since: every operation given it (through `&*` or
/// [`Deref`]) skips validating it again. Build one per referential a
/// program keeps (a binding's handle, a server's cache); a plain
/// [`Referential`] works too, and is checked on every call.
#[derive(Debug)]
pub struct CheckedReferential {
    inner: Referential,
}

impl CheckedReferential {
    /// Checks a referential (limits, validation): every problem at once.
    pub fn new(referential: Referential) -> Result<CheckedReferential, Error> {
        let mut inner = referential;
        inner.lookup.set_checked(false);
        crate::check::check_referential(&inner)?;
        inner.lookup.set_checked(true);
        Ok(CheckedReferential { inner })
    }

    /// Reads and checks a referential from JSON text.
    pub fn from_json(json: &str) -> Result<CheckedReferential, Error> {
        CheckedReferential::new(super::parse_referential(json)?)
    }

    /// Reads and checks a referential from a JSON value.
    pub fn from_value(value: &Value) -> Result<CheckedReferential, Error> {
        CheckedReferential::new(super::referential_from_value(value)?)
    }

    /// The referential, given back to be changed (it is checked again on
    /// every call, or when made a checked referential again).
    pub fn into_inner(self) -> Referential {
        let mut inner = self.inner;
        inner.lookup.set_checked(false);
        inner
    }
}

impl Deref for CheckedReferential {
    type Target = Referential;

    fn deref(&self) -> &Referential {
        &self.inner
    }
}

impl AsRef<Referential> for CheckedReferential {
    fn as_ref(&self) -> &Referential {
        &self.inner
    }
}

impl Clone for CheckedReferential {
    /// The copy of a checked referential is checked too: it holds the same
    /// unchangeable document.
    fn clone(&self) -> CheckedReferential {
        let mut inner = self.inner.clone();
        inner.lookup.set_checked(true);
        CheckedReferential { inner }
    }
}

/// The default referential once read and checked.
static DEFAULT: OnceLock<Result<CheckedReferential, Error>> = OnceLock::new();

/// The default referential, checked (see [`super::default_referential`]).
pub fn default_checked() -> Result<&'static CheckedReferential, Error> {
    #[cfg(feature = "embedded-referential")]
    let r = DEFAULT.get_or_init(|| CheckedReferential::from_json(super::DEFAULT_REFERENTIAL_JSON));
    #[cfg(not(feature = "embedded-referential"))]
    let r = DEFAULT.get().ok_or_else(|| Error::InvalidArgument {
        name: "referential".to_owned(),
        message: "the default referential is not loaded (load_default_referential)".to_owned(),
    })?;
    r.as_ref().map_err(Clone::clone)
}

/// Installs the default referential from its JSON text when none is yet;
/// returns the one in place (see [`super::load_default_referential`]).
pub fn load_default_checked(json: &str) -> Result<&'static CheckedReferential, Error> {
    DEFAULT
        .get_or_init(|| CheckedReferential::from_json(json))
        .as_ref()
        .map_err(Clone::clone)
}
