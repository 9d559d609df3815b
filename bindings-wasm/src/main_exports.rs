//! The exports of the **main module** (`sobriete_bg.wasm`, feature `main`):
//! what a page needs on every load: the default referential (embedded),
//! reading a referential and its document (`toJSON`), templates, and
//! scoring (`score`, `scoreMany`, `scoreSummary`, `scoreSummaries`). The
//! package entry loads it at import; its functions are synchronous. It is
//! kept under issue #6's 250 KB (gzipped) budget: the generic validation
//! (which reads every kind of document) and the optimiser behind proposals
//! and plans would add about 30 and 60 KB, so they are extras.

use super::*;

#[wasm_bindgen]
impl Referential {
    /// The default referential, written from the REEN law and its decree.
    #[wasm_bindgen(js_name = "default")]
    pub fn default_referential() -> Result<Referential, JsValue> {
        api::default_referential()
            .map(|r| Referential {
                inner: Cow::Borrowed(r),
            })
            .map_err(|e| to_js_error(&e))
    }

    /// The referential's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.r().id.clone()
    }

    /// The referential's version (semantic versioning).
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.r().version.clone()
    }

    /// The referential as a plain object (what `JSON.stringify` writes).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ReferentialDocument")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(self.r())
    }

    /// Scores an assessment: index, grade, theme scores, practices not in
    /// place, recommended actions.
    #[wasm_bindgen(unchecked_return_type = "ScoreReport")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            self.assessment(&assessment)
                .and_then(|a| api::score(self.r(), &a)),
        )
    }

    /// Scores many assessments in one call: one item per assessment, its
    /// report or, when it fails, its `SobrieteError` (not thrown); throws
    /// only when `assessments` is not an array.
    #[wasm_bindgen(js_name = scoreMany, unchecked_return_type = "ScoreManyItem[]")]
    pub fn score_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment | string>")] assessments: JsValue,
    ) -> Result<JsValue, JsValue> {
        let items = batch_items(&assessments).map_err(|e| to_js_error(&e))?;
        let results = js_sys::Array::new();
        for item in items {
            let scored = item
                .and_then(|v| api::assessment_from_value(&v, self.r()))
                .and_then(|a| api::score(self.r(), &a));
            match scored {
                Ok(report) => results.push(&to_js(&report)?),
                Err(e) => results.push(&to_js_error(&e)),
            };
        }
        Ok(results.into())
    }

    /// The headline figures of an assessment (index, grade, completeness,
    /// theme scores, Éco-clic, conformity) without the report's details.
    #[wasm_bindgen(js_name = scoreSummary, unchecked_return_type = "ScoreSummary")]
    pub fn score_summary(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            json_text(&assessment)
                .map_err(|issue| invalid(DocumentKind::Assessment, issue))
                .and_then(|text| api::score_summary_json(self.r(), &text)),
        )
    }

    /// Summaries of many assessments in one call: one item per assessment,
    /// its `ScoreSummary` or, when it fails, its `SobrieteError` (not
    /// thrown); throws only when `assessments` is not an array.
    #[wasm_bindgen(js_name = scoreSummaries, unchecked_return_type = "ScoreSummaryItem[]")]
    pub fn score_summaries(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment | string>")] assessments: JsValue,
    ) -> Result<JsValue, JsValue> {
        let texts = batch_texts(&assessments).map_err(|e| to_js_error(&e))?;
        // JSON text takes the core's batch fast path.
        let summaries = api::score_summaries_with(self.r(), texts, |t| t.map(api::Batched::Json))
            .map_err(|e| to_js_error(&e))?;
        let results = js_sys::Array::new();
        for summary in summaries {
            match summary {
                Ok(s) => results.push(&to_js(&s)?),
                Err(e) => results.push(&to_js_error(&e)),
            };
        }
        Ok(results.into())
    }

    /// An assessment skeleton listing every question of the levels ≤
    /// `level` (only those that apply when a profile is given), each
    /// unanswered.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn template(
        &self,
        #[wasm_bindgen(unchecked_param_type = "1 | 2")] level: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Profile | string | null")] profile: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || -> Outcome<Assessment> {
            let level = whole(level.as_f64(), "level", 0.0, 255.0)? as u8;
            let profile = if is_absent(&profile) {
                None
            } else {
                let v = json_value(&profile, DocumentKind::Assessment)?;
                Some(
                    parse::from_value::<Profile>(&v, "/profile")
                        .map_err(|i| invalid(DocumentKind::Assessment, i))?,
                )
            };
            let date = optional_string(&date, "date")?;
            api::template(self.r(), level, profile, date.as_deref())
        };
        done(run())
    }
}

/// The items of a batch, each read on its own so that one JSON cannot
/// represent (a cycle, a BigInt) fails alone; a string is JSON text of an
/// array.
fn batch_items(assessments: &JsValue) -> Outcome<Vec<Outcome<Value>>> {
    Ok(batch_texts(assessments)?
        .into_iter()
        .map(|text| {
            text.and_then(|t| {
                parse::parse_value(&t).map_err(|issue| invalid(DocumentKind::Assessment, issue))
            })
        })
        .collect())
}

/// The items of a batch as JSON text (an object is stringified), each
/// failing on its own.
fn batch_texts(assessments: &JsValue) -> Outcome<Vec<Outcome<String>>> {
    let text = |value: &JsValue| {
        json_text(value).map_err(|issue| invalid(DocumentKind::Assessment, issue))
    };
    if js_sys::Array::is_array(assessments) {
        // Reflect.get catches what a Proxy's traps throw.
        let length = js_sys::Reflect::get(assessments, &JsValue::from_str("length"))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
            .clamp(0.0, f64::from(u32::MAX)) as u32;
        return Ok((0..length)
            .map(|i| {
                js_sys::Reflect::get_u32(assessments, i)
                    .map_err(|thrown| {
                        let message = format!("unreadable item: {}", describe(&thrown));
                        invalid(
                            DocumentKind::Assessment,
                            Issue::error(IssueCode::InvalidJson, "", message),
                        )
                    })
                    .and_then(|item| text(&item))
            })
            .collect());
    }
    match json_value(assessments, DocumentKind::Assessment)? {
        Value::Array(items) => Ok(items.into_iter().map(|v| Ok(v.to_string())).collect()),
        _ => Err(argument("assessments", "expected an array of assessments")),
    }
}

/// The version of the library.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
