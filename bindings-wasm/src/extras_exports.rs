//! The exports of the **extras module** (`sobriete_extras_bg.wasm`, feature
//! `extras`), loaded by the package entry on first use (`loadExtras()`):
//! the operations of the core's groups checks, planning, follow-up and
//! renderings (validation, target gap, proposals and plans, history,
//! peers, migrations, reports, charts, CSV, annual review, Markdown), each
//! run by name through [`api::call_among`] (the entry, `js/index.js`, gives
//! each its JavaScript method and positional parameters). Its `Referential` is built by the entry
//! from the main module's (`toJSON`); it does not embed the default
//! referential.

use super::*;
use sobriete::api::{Arg, Args, Output};

/// The groups of operations this module runs (the importers have their
/// own module).
const GROUPS: &[api::Operations] = &[api::CHECKS, api::PLANNING, api::FOLLOW_UP, api::RENDERINGS];

/// One argument as the core reads it: a string as itself (a document's JSON
/// text, or a plain value), bytes as UTF-8 JSON text, a number or a boolean
/// as JSON, `null` or `undefined` as absent, anything else through
/// `JSON.stringify` (a failure is an issue of the argument's document, for
/// the core to report where it reads it).
fn arg_of(name: &str, value: &JsValue) -> Option<Arg<'static>> {
    if is_absent(value) {
        return None;
    }
    Some(if let Some(s) = value.as_string() {
        Arg::Str(s.into())
    } else if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        Arg::Bytes(bytes.to_vec().into())
    } else if let Some(n) = value.as_f64() {
        Arg::Json(n.to_string().into())
    } else if let Some(b) = value.as_bool() {
        Arg::Json(b.to_string().into())
    } else {
        let kind = api::argument_document(name).unwrap_or(DocumentKind::Unknown);
        match json_text(value) {
            Ok(text) => Arg::Json(text.into()),
            Err(issue) => Arg::Invalid(invalid(kind, issue)),
        }
    })
}

/// Runs `operation` on `r` with the arguments of `args`, an object by name.
fn call_with(
    operation: &str,
    r: &api::CheckedReferential,
    args: &JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Outcome<Output> {
        let mut list = Args::new();
        if !is_absent(args) {
            let object = args
                .dyn_ref::<js_sys::Object>()
                .ok_or_else(|| argument("arguments", "expected an object"))?;
            for entry in js_sys::Object::entries(object).iter() {
                let pair: js_sys::Array = entry.unchecked_into();
                let name = pair.get(0).as_string().unwrap_or_default();
                if let Some(arg) = arg_of(&name, &pair.get(1)) {
                    list.push(name, arg);
                }
            }
        }
        api::call_among(GROUPS, operation, r, &list)
    };
    match run() {
        Ok(Output::Data(data)) => js_sys::JSON::parse(&data.to_json())
            .map_err(|e| to_js_error(&argument("result", describe(&e)))),
        Ok(Output::Text(text)) => Ok(JsValue::from_str(&text)),
        Err(e) => Err(to_js_error(&e)),
    }
}

/// Any operation of this module on the default referential (`rollup`,
/// `invertCrosswalk`, which need none).
#[wasm_bindgen(js_name = call)]
pub fn call_default(
    operation: &str,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] args: JsValue,
) -> Result<JsValue, JsValue> {
    let r = api::default_checked().map_err(|e| to_js_error(&e))?;
    call_with(operation, r, &args)
}

#[wasm_bindgen]
impl Referential {
    /// Runs an operation of this module by its name (`validate_plan`,
    /// `full_report`, …: the table of operations), its arguments an object
    /// by name; what the package entry's methods call.
    pub fn call(
        &self,
        operation: &str,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] args: JsValue,
    ) -> Result<JsValue, JsValue> {
        call_with(operation, &self.inner, &args)
    }
}
