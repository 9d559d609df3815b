//! The exports of the **importers module** (`sobriete_importers_bg.wasm`,
//! feature `importers`), loaded by the package entry on the first call of
//! an importer (`loadImporters()`): the published referentials (RGESN, the
//! good-practice guide, the W3C WSG) and Éco-clic's questionnaire and
//! answers. Its SQL and CSV readers stay out of the other modules.

use super::*;

/// Turns a published referential into the library's format (`format`:
/// `rgesn`, `minumeco` or `wsg`, or `ecoclic` with a MySQL dump's text):
/// `{referential, report}`, the report listing what was skipped.
#[wasm_bindgen(js_name = importReferential, unchecked_return_type = "Imported")]
pub fn import_referential(
    #[wasm_bindgen(unchecked_param_type = "\"rgesn\" | \"minumeco\" | \"wsg\" | \"ecoclic\"")]
    format: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] source: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || {
        let format = format
            .as_string()
            .and_then(|f| sobriete::api::ImportFormat::parse(&f))
            .ok_or_else(|| {
                argument(
                    "format",
                    "expected \"rgesn\", \"minumeco\", \"wsg\" or \"ecoclic\"",
                )
            })?;
        let text = input_text(&source, DocumentKind::ImportSource)?;
        api::import_referential(format, &text)
    };
    done(run())
}

/// Éco-clic's database: a dump's text (a string or UTF-8 bytes), or
/// `{sql}` / `{csv: {<table>: text}}`.
fn ecoclic_source(value: &JsValue) -> Outcome<sobriete::api::EcoClicSource> {
    use sobriete::api::EcoClicSource;
    if let Some(text) = value.as_string() {
        return Ok(EcoClicSource::Sql(text));
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        let bytes = bytes.to_vec();
        return api::text_from_utf8(&bytes, DocumentKind::ImportSource)
            .map(|t| EcoClicSource::Sql(t.to_owned()));
    }
    let text = json_text(value).map_err(|i| invalid(DocumentKind::ImportSource, i))?;
    api::parse_ecoclic_source(&text)
}

/// Éco-clic's questionnaire as a referential whose `eco_clic` figure is
/// Éco-clic's own: `{referential, report}`.
#[wasm_bindgen(js_name = importEcoclic, unchecked_return_type = "Imported")]
pub fn import_ecoclic(
    #[wasm_bindgen(unchecked_param_type = "EcoclicSource | string | Uint8Array")] source: JsValue,
) -> Result<JsValue, JsValue> {
    done(ecoclic_source(&source).and_then(|s| api::import_ecoclic(&s)))
}

/// Éco-clic's answers, one assessment per collectivité:
/// `{assessments, report}`, for `referential` (imported from the same
/// database when absent).
#[wasm_bindgen(js_name = importEcoclicAnswers, unchecked_return_type = "ImportedAnswers")]
pub fn import_ecoclic_answers(
    #[wasm_bindgen(unchecked_param_type = "EcoclicSource | string | Uint8Array")] source: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "Referential | ReferentialDocument | string | null"
    )]
    referential: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || {
        let source = ecoclic_source(&source)?;
        let r = if is_absent(&referential) {
            None
        } else {
            Some(other_referential(&referential)?)
        };
        api::import_ecoclic_answers(&source, r.as_ref())
    };
    done(run())
}
