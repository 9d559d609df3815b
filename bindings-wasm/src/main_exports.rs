//! The exports of the **main module** (`sobriete_bg.wasm`, feature `main`):
//! what a page needs on every load: the default referential (read by the
//! entry from `default-referential.json` beside the module),
//! reading a referential and its document (`toJSON`), templates, and
//! scoring (`score`, `scoreMany`, `scoreSummary`, `scoreSummaries`). The
//! package entry loads it at import; its functions are synchronous. It is
//! kept under its 250 KB (gzipped) budget: the generic validation
//! (which reads every kind of document) and the optimiser behind proposals
//! and plans would add about 30 and 60 KB, so they are extras.

use super::*;

#[wasm_bindgen]
impl Referential {
    /// The default referential, written from the REEN law and its decree.
    #[wasm_bindgen(js_name = "default")]
    pub fn default_referential() -> Result<Referential, JsValue> {
        api::default_checked()
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

    /// Scores many assessments in one call and returns columns, one array
    /// per column (the same columns as Python's `score_table`): `name`,
    /// `kind`, `population`, `insee`, `date`, `level`, `index`, `grade`,
    /// `complete`, `completeness`, `dont_know_share`, `eco_clic`,
    /// `conformity`, one `theme:<id>` per theme, and `error` (the message
    /// when the assessment fails, else `null`; the row's other cells are
    /// then `null`). Items are read and scored one at a time (JSON text
    /// takes the core's fast path); throws only when `assessments` is not an
    /// array.
    #[wasm_bindgen(js_name = scoreTable, unchecked_return_type = "ScoreTable")]
    pub fn score_table(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment | string>")] assessments: JsValue,
    ) -> Result<JsValue, JsValue> {
        let s = api::Summariser::new(self.r()).map_err(|e| to_js_error(&e))?;
        let mut table = Table::new(self.r(), false);
        for_each_text(&assessments, |text| {
            table.push(None, text.and_then(|t| s.json(&t)));
        })
        .map_err(|e| to_js_error(&e))?;
        Ok(table.into_js())
    }

    /// [`Self::score_table`] of a JSON Lines text (a string, or its UTF-8
    /// bytes such as a file read by Node): one assessment per line, blank
    /// lines skipped, and a first column `line` with each row's line number
    /// (from 1). A line that is not UTF-8 is an error of its row.
    #[wasm_bindgen(js_name = scoreTableJsonLines, unchecked_return_type = "ScoreTable")]
    pub fn score_table_json_lines(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] json_lines: JsValue,
    ) -> Result<JsValue, JsValue> {
        let bytes = if let Some(text) = json_lines.as_string() {
            text.into_bytes()
        } else if let Some(array) = json_lines.dyn_ref::<js_sys::Uint8Array>() {
            array.to_vec()
        } else {
            return Err(to_js_error(&argument(
                "json_lines",
                "expected JSON Lines text: a string or a Uint8Array",
            )));
        };
        let s = api::Summariser::new(self.r()).map_err(|e| to_js_error(&e))?;
        let mut table = Table::new(self.r(), true);
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if !line.iter().all(u8::is_ascii_whitespace) {
                table.push(Some(i + 1), s.utf8(line));
            }
        }
        Ok(table.into_js())
    }

    /// An assessment skeleton listing every question of the levels ≤
    /// `level` (1 by default; only those that apply when a profile is
    /// given), each unanswered.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn template(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "1 | 2 | null")] level: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Profile | string | null")] profile: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || -> Outcome<Assessment> {
            // Level 1 when absent, as in every language.
            let level = if is_absent(&level) {
                1
            } else {
                whole(level.as_f64(), "level", 0.0, 255.0)? as u8
            };
            let profile = self.optional(&profile)?;
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
                sobriete::api::parse_value(&t)
                    .map_err(|issue| invalid(DocumentKind::Assessment, issue))
            })
        })
        .collect())
}

/// The items of a batch as JSON text (an object is stringified), each
/// failing on its own.
fn batch_texts(assessments: &JsValue) -> Outcome<Vec<Outcome<String>>> {
    let mut texts = Vec::new();
    for_each_text(assessments, |t| texts.push(t))?;
    Ok(texts)
}

/// Most items of one batch call (35,000 communes in France; a larger
/// batch is split by the caller).
const MAX_BATCH: u32 = 1_000_000;

/// Calls `each` with every item of a batch as JSON text, in order, one at a
/// time (a table never holds every text at once); a string is JSON text of
/// an array.
fn for_each_text(assessments: &JsValue, mut each: impl FnMut(Outcome<String>)) -> Outcome<()> {
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
        // A sparse array may claim 2^32 - 1 items: refused before any is
        // read, rather than reading holes for minutes.
        if length > MAX_BATCH {
            return Err(argument(
                "assessments",
                format!("at most {MAX_BATCH} assessments per call, got an array of {length}: split the batch"),
            ));
        }
        for i in 0..length {
            each(
                js_sys::Reflect::get_u32(assessments, i)
                    .map_err(|thrown| {
                        let message = format!("unreadable item: {}", describe(&thrown));
                        invalid(
                            DocumentKind::Assessment,
                            Issue::error(IssueCode::InvalidJson, "", message),
                        )
                    })
                    .and_then(|item| text(&item)),
            );
        }
        return Ok(());
    }
    match json_value(assessments, DocumentKind::Assessment)? {
        Value::Array(items) => {
            items.into_iter().for_each(|v| each(Ok(v.to_string())));
            Ok(())
        }
        _ => Err(argument("assessments", "expected an array of assessments")),
    }
}

/// The columns of [`Referential::score_table`] (the core's summaries
/// table), as JavaScript arrays.
struct Table {
    table: api::SummaryTable<js_sys::Array>,
    /// Repeated short strings (kinds, grades) converted once.
    short: Vec<(String, JsValue)>,
}

impl Table {
    fn new(r: &sobriete::Referential, lines: bool) -> Self {
        Table {
            table: api::SummaryTable::new(r, lines, js_sys::Array::new),
            short: Vec::new(),
        }
    }

    /// Appends one row: the summary's figures, or the error's message.
    fn push(&mut self, line: Option<usize>, result: Outcome<sobriete::api::ScoreSummary>) {
        let message = result.as_ref().err().map(ToString::to_string);
        let row = result
            .as_ref()
            .map_err(|_| message.as_deref().unwrap_or_default());
        let short = &mut self.short;
        let _ = self.table.push(line, row, |column, cell| {
            column.push(&match cell {
                api::Cell::Null => JsValue::NULL,
                api::Cell::Text(s) => JsValue::from_str(s),
                api::Cell::Short(s) => match short.iter().find(|(k, _)| k == s) {
                    Some((_, v)) => v.clone(),
                    None => {
                        let v = JsValue::from_str(s);
                        if short.len() < 64 {
                            short.push((s.to_owned(), v.clone()));
                        }
                        v
                    }
                },
                // Whole numbers of the table are far below 2^53: exact.
                api::Cell::Int(n) => JsValue::from_f64(n as f64),
                api::Cell::Number(x) => JsValue::from_f64(x),
                api::Cell::Bool(b) => JsValue::from_bool(b),
            });
            Ok::<(), ()>(())
        });
    }

    /// The columns as a plain object, in the documented order.
    fn into_js(self) -> JsValue {
        let o = js_sys::Object::new();
        for (name, column) in self.table.into_columns() {
            // Setting a data property on a fresh plain object cannot fail.
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(&name), &column);
        }
        o.into()
    }
}

/// The version of the library.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
