//! The C ABI of sobriete: every operation of the facade ([`sobriete::api::call`])
//! as a C function, documents in and results out as JSON text, for PHP's
//! FFI, C, C#, Go or any language with a foreign function interface. The
//! header `include/sobriete.h` is generated from this file by cbindgen.
//!
//! Rules every function follows (the header repeats them):
//! - it returns a status, `SOBRIETE_OK` (0) or the kind of failure;
//! - through `out` it gives a string the caller frees with
//!   [`sobriete_string_free`]: the result on success, the error as a JSON
//!   object (`code`, `document`, `argument`, `message`, `issues`) on
//!   failure; [`sobriete_last_error`] gives the same error again, per
//!   thread;
//! - a NULL pointer where a value is needed, invalid UTF-8 or an oversized
//!   document is an error, never undefined behaviour, and no Rust panic
//!   crosses the boundary (it becomes `SOBRIETE_INTERNAL_ERROR`).

use std::borrow::Cow;
use std::cell::RefCell;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use sobriete::api::{self, Arg, Args, CheckedReferential, Output};
use sobriete::{DocumentKind, Error};

/// The version of this ABI: it changes when a function's signature or
/// meaning changes; check it against the header's before any call.
pub const SOBRIETE_ABI_VERSION: u32 = 1;

/// What a function returns: `SOBRIETE_OK` or the kind of failure.
pub type SobrieteStatus = i32;
/// Success: `out` holds the result.
pub const SOBRIETE_OK: SobrieteStatus = 0;
/// A document is invalid: the error lists every issue with its JSON path.
pub const SOBRIETE_INVALID_DOCUMENT: SobrieteStatus = 1;
/// An argument is missing, NULL, not UTF-8 or outside its values.
pub const SOBRIETE_INVALID_ARGUMENT: SobrieteStatus = 2;
/// A bug in the library (a caught panic): please report it.
pub const SOBRIETE_INTERNAL_ERROR: SobrieteStatus = 3;

/// A referential, checked once when made: give it to every operation.
/// Made by [`sobriete_referential_default`] or
/// [`sobriete_referential_from_json`], freed by [`sobriete_referential_free`].
pub struct SobrieteReferential {
    inner: Cow<'static, CheckedReferential>,
}

thread_local! {
    static LAST_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
}

/// Why a call failed.
enum Failure {
    Core(Error),
    Internal(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Core(e)
    }
}

impl Failure {
    fn status(&self) -> SobrieteStatus {
        match self {
            Failure::Core(Error::Invalid { .. }) => SOBRIETE_INVALID_DOCUMENT,
            Failure::Core(Error::InvalidArgument { .. }) => SOBRIETE_INVALID_ARGUMENT,
            Failure::Internal(_) => SOBRIETE_INTERNAL_ERROR,
        }
    }

    fn json(&self) -> String {
        match self {
            Failure::Core(e) => api::error_json(e),
            Failure::Internal(message) => serde_json::json!({
                "code": "internal_error",
                "document": null,
                "argument": null,
                "message": message,
                "issues": [],
            })
            .to_string(),
        }
    }
}

fn argument(name: &str, message: &str) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        message: message.to_owned(),
    }
}

/// A C string the caller frees; an interior NUL (only possible in text a
/// document carried) becomes U+FFFD rather than cutting the text short.
fn c_string(text: String) -> *mut c_char {
    let c = CString::new(text).unwrap_or_else(|e| {
        let text = String::from_utf8_lossy(&e.into_vec()).replace('\0', "\u{FFFD}");
        CString::new(text).unwrap_or_default()
    });
    c.into_raw()
}

/// Runs `f` with panics caught, and gives its result or error through
/// `out` (and the error to [`sobriete_last_error`]).
fn run(out: *mut *mut c_char, f: impl FnOnce() -> Result<String, Failure>) -> SobrieteStatus {
    LAST_ERROR.with(|e| e.replace(None));
    let result = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(Failure::Internal(panic_message(payload.as_ref()))),
    };
    let (status, text) = match result {
        Ok(text) => (SOBRIETE_OK, text),
        Err(failure) => {
            let json = failure.json();
            LAST_ERROR.with(|e| e.replace(CString::new(json.clone()).ok()));
            (failure.status(), json)
        }
    };
    if out.is_null() {
        return SOBRIETE_INVALID_ARGUMENT;
    }
    // SAFETY: `out` is not NULL, and the caller gives a writable pointer.
    unsafe { *out = c_string(text) };
    status
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("internal error in sobriete (please report it): {detail}")
}

/// The bytes of a C string, or `None` for NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string alive for `'a`.
unsafe fn bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: the caller's promise above.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_bytes())
}

/// The referential behind a handle: the default one for NULL.
///
/// # Safety
/// `r` is NULL or a live handle of this library.
unsafe fn referential<'a>(r: *const SobrieteReferential) -> Result<&'a CheckedReferential, Error> {
    if r.is_null() {
        return api::default_checked();
    }
    // SAFETY: the caller's promise above.
    Ok(&unsafe { &*r }.inner)
}

/// One parameter of an operation, as C gives it.
enum Param {
    /// A document's (or a list's, or an object's) JSON text; NULL: absent.
    Doc(*const c_char),
    /// A plain string (a language, a date); NULL: absent (the default).
    Str(*const c_char),
    /// A whole number; negative: absent (the default).
    Int(i64),
    /// A referential handle; NULL: absent.
    Ref(*const SobrieteReferential),
}

/// Runs `operation` with its parameters; data results as JSON text, text
/// results (reports, CSV, SVG, Markdown) as the text itself.
///
/// # Safety
/// Every pointer is NULL or valid as the header says.
unsafe fn operation(
    r: *const SobrieteReferential,
    name: &str,
    params: &[(&str, Param)],
    out: *mut *mut c_char,
) -> SobrieteStatus {
    run(out, || {
        // SAFETY: the caller's promise above, for every pointer read here.
        let r = unsafe { referential(r) }?;
        let mut args = Args::new();
        for (param, value) in params {
            let arg = match *value {
                Param::Doc(p) => unsafe { bytes(p) }.map(|b| Arg::Bytes(b.into())),
                Param::Str(p) => match unsafe { bytes(p) } {
                    None => None,
                    Some(b) => Some(Arg::Str(
                        std::str::from_utf8(b)
                            .map_err(|_| argument(param, "not UTF-8 text"))?
                            .into(),
                    )),
                },
                Param::Int(n) => (n >= 0).then(|| Arg::Json(n.to_string().into())),
                Param::Ref(h) => (!h.is_null()).then(|| Arg::Referential(&unsafe { &*h }.inner)),
            };
            if let Some(arg) = arg {
                args.push(*param, arg);
            }
        }
        Ok(match api::call(name, r, &args)? {
            Output::Data(data) => data.to_json(),
            Output::Text(text) => text,
        })
    })
}

/// The ABI version of the library loaded (compare with
/// `SOBRIETE_ABI_VERSION` of the header compiled against).
#[no_mangle]
pub extern "C" fn sobriete_abi_version() -> u32 {
    SOBRIETE_ABI_VERSION
}

/// The library version (a static string: never free it).
#[no_mangle]
pub extern "C" fn sobriete_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Frees a string this library gave (NULL is ignored).
///
/// # Safety
/// `s` is NULL or a string from this library, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn sobriete_string_free(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: made by `CString::into_raw` in `c_string`.
        drop(unsafe { CString::from_raw(s) });
    }
}

/// The error of the calling thread's last call, as JSON (a copy to free
/// with `sobriete_string_free`), or NULL when that call succeeded.
#[no_mangle]
pub extern "C" fn sobriete_last_error() -> *mut c_char {
    LAST_ERROR.with(|e| {
        e.borrow()
            .clone()
            .map_or(std::ptr::null_mut(), CString::into_raw)
    })
}

/// Makes a handle of the default referential (written from the REEN law)
/// into `*out` (NULL on failure: see `sobriete_last_error`).
///
/// # Safety
/// `out` is a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn sobriete_referential_default(
    out: *mut *mut SobrieteReferential,
) -> SobrieteStatus {
    // SAFETY: the caller's promise above.
    unsafe { make_referential(out, || Ok(Cow::Borrowed(api::default_checked()?))) }
}

/// Reads and checks a referential from its JSON text (once: operations do
/// not check it again) into `*out` (NULL on failure, every issue in
/// `sobriete_last_error`).
///
/// # Safety
/// `json` is NULL or a NUL-terminated string; `out` is a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn sobriete_referential_from_json(
    json: *const c_char,
    out: *mut *mut SobrieteReferential,
) -> SobrieteStatus {
    // SAFETY: the caller's promise above.
    let json = unsafe { bytes(json) };
    unsafe {
        make_referential(out, || {
            let json = json.ok_or_else(|| argument("json", "NULL"))?;
            let text = api::text_from_utf8(json, DocumentKind::Referential)?;
            Ok(Cow::Owned(CheckedReferential::from_json(text)?))
        })
    }
}

/// # Safety
/// `out` is NULL or a writable pointer.
unsafe fn make_referential(
    out: *mut *mut SobrieteReferential,
    f: impl FnOnce() -> Result<Cow<'static, CheckedReferential>, Failure>,
) -> SobrieteStatus {
    let mut made = None;
    let mut ignored = std::ptr::null_mut();
    let status = run(&mut ignored, || {
        made = Some(f()?);
        Ok(String::new())
    });
    // SAFETY: from `c_string`, not given to anyone.
    unsafe { sobriete_string_free(ignored) };
    if out.is_null() {
        return SOBRIETE_INVALID_ARGUMENT;
    }
    let handle = made.map_or(std::ptr::null_mut(), |inner| {
        Box::into_raw(Box::new(SobrieteReferential { inner }))
    });
    // SAFETY: `out` is not NULL, and the caller gives a writable pointer.
    unsafe { *out = handle };
    status
}

/// Frees a referential handle (NULL is ignored).
///
/// # Safety
/// `r` is NULL or a handle of this library, not freed yet, used by no
/// call in progress.
#[no_mangle]
pub unsafe extern "C" fn sobriete_referential_free(r: *mut SobrieteReferential) {
    if !r.is_null() {
        // SAFETY: made by `Box::into_raw` in `make_referential`.
        drop(unsafe { Box::from_raw(r) });
    }
}

/// The referential as JSON text.
///
/// # Safety
/// `r` is NULL (the default) or a live handle; `out` a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn sobriete_referential_to_json(
    r: *const SobrieteReferential,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    run(out, || {
        // SAFETY: the caller's promise above.
        let r = unsafe { referential(r) }?;
        Ok(api::referential_to_json(r))
    })
}

/// Any operation by name (`score`, `full_report`, `propose`, …: the names
/// and parameters of the per-operation functions below), its arguments a
/// JSON object by name (NULL or "": none; a document is an object, or a
/// string holding its JSON text; a referential argument such as `to` is
/// its document). `r` NULL: the default referential. On success `out` is
/// the result as JSON: a document, or a JSON string for text results.
///
/// # Safety
/// `r` is NULL or a live handle; `operation` and `args_json` are NULL or
/// NUL-terminated strings; `out` is a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn sobriete_call(
    r: *const SobrieteReferential,
    operation: *const c_char,
    args_json: *const c_char,
    out: *mut *mut c_char,
) -> SobrieteStatus {
    run(out, || {
        // SAFETY: the caller's promise above.
        let (r, op, args) = unsafe { (referential(r)?, bytes(operation), bytes(args_json)) };
        let op = op.ok_or_else(|| argument("operation", "NULL"))?;
        let op = std::str::from_utf8(op).map_err(|_| argument("operation", "not UTF-8"))?;
        let args = std::str::from_utf8(args.unwrap_or_default())
            .map_err(|_| argument("arguments", "not UTF-8"))?;
        Ok(api::call_json(op, r, args)?.to_json())
    })
}

mod operations;
pub use operations::*;

#[cfg(test)]
mod tests;
