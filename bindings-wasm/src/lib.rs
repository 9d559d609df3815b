//! WebAssembly binding of [`sobriete`]: the npm package `sobriete` for
//! browsers and Node.js.
//!
//! No logic lives here: every function calls [`sobriete::api`]. This crate
//! only converts values between JavaScript and the core:
//!
//! - **inputs**: a JS string is taken as JSON text, any other value is
//!   serialized with `JSON.stringify`; the text then goes through the core's
//!   own parsers (`*_from_value`), so unknown fields, JSON-pointer paths and
//!   every problem at once are reported exactly as in Rust;
//! - **outputs**: the core's result is serialized by `serde_json` and read
//!   back with `JSON.parse`, so values are plain objects, arrays, numbers,
//!   strings, booleans and `null` (never `undefined` nor `Map`);
//! - **errors**: every failure becomes a `SobrieteError` (or its subclasses
//!   `ValidationError` for an invalid document, `ArgumentError` for an
//!   invalid argument), built in one place, `to_js_error`.
//!
//! The package is three WebAssembly modules built from this crate, each
//! exporting only its functions so that the linker drops the rest: the
//! **main** module (feature `main`, [`main_exports`]) loaded with the page,
//! which embeds the default referential and keeps under the size budget, the
//! **extras** module (feature `extras`, [`extras_exports`]) and the
//! **importers** module (feature `importers`, [`importers_exports`]: the SQL
//! and CSV readers of the Éco-clic importer weigh as much as a third of the
//! extras), which the package entry (`js/index.js`) loads on first use. All
//! features are on by default (host checks and tests see the whole API);
//! `build.sh` builds each alone.
//!
//! On a host target the crate compiles (for the workspace's checks) but its
//! functions are only meaningful in a WebAssembly instance.

// A single-feature build (one of the modules) leaves the other modules'
// helpers unused.
#![cfg_attr(
    not(all(feature = "main", feature = "extras", feature = "importers")),
    allow(dead_code, unused_imports)
)]

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;
use sobriete::api;
use sobriete::model::assessment::Assessment;
use sobriete::{DocumentKind, Error, Issue, IssueCode};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(feature = "extras")]
pub mod extras_exports;
#[cfg(feature = "importers")]
pub mod importers_exports;
#[cfg(feature = "main")]
pub mod main_exports;

// The document types are declared once, in the main module's `.d.ts`.
#[cfg(feature = "main")]
#[wasm_bindgen(typescript_custom_section)]
const DOCUMENT_TYPES: &str = include_str!("../types/documents.d.ts");

#[cfg(feature = "main")]
#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &str = include_str!("../types/api.d.ts");

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// Builds a `SobrieteError` (or `ValidationError`) instance.
    #[wasm_bindgen(js_name = sobrieteError)]
    fn sobriete_error(
        message: &str,
        code: &str,
        document: &str,
        issues: JsValue,
        argument: Option<String>,
    ) -> JsValue;
}

type Outcome<T> = Result<T, Error>;

// ---------------------------------------------------------------- errors

/// The `document` field of an error: the document kind, or `argument`.
fn error_document(e: &Error) -> &'static str {
    match e {
        Error::Invalid { document, .. } => document.as_str(),
        Error::InvalidArgument { .. } => "argument",
    }
}

/// The one place where a core error becomes a thrown JS value: a real
/// `Error` instance (`SobrieteError`, or its subclasses `ValidationError`
/// for an invalid document and `ArgumentError` for an invalid argument) with
/// `code`, `document`, `issues` and `argument`.
fn to_js_error(e: &Error) -> JsValue {
    let issues = serde_json::to_string_pretty(e.issues())
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or_else(|| js_sys::Array::new().into());
    let argument = match e {
        Error::InvalidArgument { name, .. } => Some(name.clone()),
        Error::Invalid { .. } => None,
    };
    sobriete_error(
        &e.to_string(),
        e.code(),
        error_document(e),
        issues,
        argument,
    )
}

fn invalid(document: DocumentKind, issue: Issue) -> Error {
    Error::Invalid {
        document,
        issues: vec![issue],
    }
}

fn argument(name: &str, message: impl Into<String>) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        message: message.into(),
    }
}

// ---------------------------------------------------------------- inputs

fn is_absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// The message of a thrown JS value, without calling back into user code.
fn describe(thrown: &JsValue) -> String {
    thrown
        .dyn_ref::<js_sys::Error>()
        .map_or_else(|| "the value threw".to_owned(), |e| e.message().into())
}

/// JSON text of an input: a string is JSON text, anything else goes
/// through `JSON.stringify` (which fails on cycles and BigInt).
fn json_text(value: &JsValue) -> Result<String, Issue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    let not_json = || {
        Issue::error(
            IssueCode::InvalidType,
            "",
            "expected a JSON document (an object or JSON text), got undefined or a function",
        )
    };
    if value.is_undefined() {
        return Err(not_json());
    }
    match js_sys::JSON::stringify(value) {
        Ok(text) => text.as_string().ok_or_else(not_json),
        Err(thrown) => Err(Issue::error(
            IssueCode::InvalidJson,
            "",
            format!("not serializable as JSON: {}", describe(&thrown)),
        )),
    }
}

/// An input as a JSON value, through the core's checks (size, nesting
/// depth, duplicate keys: `sobriete::api::limits`) and parser. A `Uint8Array`
/// is UTF-8 JSON text (checked: `invalid_json` when it is not).
fn json_value(value: &JsValue, document: DocumentKind) -> Outcome<Value> {
    api::parse_json(&input_text(value, document)?, document)
}

/// The JSON text of an input: a `Uint8Array` as UTF-8 (checked, with the
/// size limit of `document`), anything else as [`json_text`] says.
fn input_text(value: &JsValue, document: DocumentKind) -> Outcome<String> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return api::text_from_utf8(&bytes.to_vec(), document).map(str::to_owned);
    }
    json_text(value).map_err(|issue| invalid(document, issue))
}

/// A whole number in `min..=max`.
fn whole(number: Option<f64>, name: &str, min: f64, max: f64) -> Outcome<f64> {
    match number {
        Some(x) if x.fract() == 0.0 && (min..=max).contains(&x) => Ok(x),
        Some(x) => Err(argument(
            name,
            format!("expected a whole number from {min} to {max}, got {x}"),
        )),
        None => Err(argument(name, "expected a number")),
    }
}

fn string(value: &JsValue, name: &str) -> Outcome<String> {
    value
        .as_string()
        .ok_or_else(|| argument(name, "expected a string"))
}

fn optional_string(value: &JsValue, name: &str) -> Outcome<Option<String>> {
    if is_absent(value) {
        return Ok(None);
    }
    string(value, name).map(Some)
}

/// Another referential, given as a document, JSON text or a `Referential`
/// (whose `toJSON` gives its document).
fn other_referential(value: &JsValue) -> Outcome<sobriete::Referential> {
    api::referential_from_value(&json_value(value, DocumentKind::Referential)?)
}

// ---------------------------------------------------------------- outputs

/// A core value as a plain JS value (via its JSON text and `JSON.parse`).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Pretty, like the core's own JSON output: one serializer instance per
    // type in the module instead of two (smaller .wasm). Serializing the
    // core's types cannot fail (string keys only); the arms below keep the
    // binding free of panics all the same.
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| to_js_error(&argument("result", e.to_string())))?;
    js_sys::JSON::parse(&text).map_err(|e| to_js_error(&argument("result", describe(&e))))
}

fn done<T: Serialize>(result: Outcome<T>) -> Result<JsValue, JsValue> {
    match result {
        Ok(value) => to_js(&value),
        Err(e) => Err(to_js_error(&e)),
    }
}

// ---------------------------------------------------------------- API

/// A validated referential: the questionnaire, its scoring and its actions.
/// Every operation of the library is a method of the referential it uses.
#[wasm_bindgen]
pub struct Referential {
    inner: Cow<'static, api::CheckedReferential>,
}

impl Referential {
    fn r(&self) -> &sobriete::Referential {
        &self.inner
    }

    /// A document of any kind, read by the core against this referential.
    fn doc<D: api::Document>(&self, value: &JsValue) -> Outcome<D> {
        D::from_json_value(&json_value(value, D::KIND)?, self.r())
    }

    /// [`Self::doc`] of an optional argument (`null` or `undefined`: none).
    fn optional<D: api::Document>(&self, value: &JsValue) -> Outcome<Option<D>> {
        if is_absent(value) {
            return Ok(None);
        }
        self.doc(value).map(Some)
    }

    fn assessment(&self, value: &JsValue) -> Outcome<Assessment> {
        self.doc(value)
    }
}

#[wasm_bindgen]
impl Referential {
    /// Reads and validates a referential (an object or JSON text). Throws a
    /// `ValidationError` listing every problem.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ReferentialDocument | string")] document: JsValue,
    ) -> Result<Referential, JsValue> {
        json_value(&document, DocumentKind::Referential)
            .and_then(|v| api::CheckedReferential::from_value(&v))
            .map(|r| Referential {
                inner: Cow::Owned(r),
            })
            .map_err(|e| to_js_error(&e))
    }
}

/// Installs the default referential from its JSON text (the package's
/// `default-referential.json`, which the entry reads at load and gives to
/// each module: it stays out of them, the main one's size budget is for
/// code). Calls after the first keep the one in place.
#[wasm_bindgen(js_name = loadDefaultReferential)]
pub fn load_default_referential(json: &str) -> Result<(), JsValue> {
    api::load_default_referential(json)
        .map(|_| ())
        .map_err(|e| to_js_error(&e))
}
