//! The exports of the **extras module** (`sobriete_extras_bg.wasm`, feature
//! `extras`), loaded by the package entry on first use (`loadExtras()`):
//! validation, target gap, candidates, proposals and plans, renderers (reports, charts, CSV, annual review, referential Markdown),
//! migrations and crosswalks, history and progress, peers and rollups. Its `Referential` is built by the entry from the main
//! module's (`toJSON`); it does not embed the default referential.

use super::*;

impl Referential {
    /// The optional inputs of a full report, from `{target, plan, asOf,
    /// history, peers, minGroupSize}`: each document read on its own.
    fn inputs(&self, value: &JsValue) -> Outcome<api::ReportRequest> {
        let mut inputs = api::ReportRequest::default();
        if is_absent(value) {
            return Ok(inputs);
        }
        let Value::Object(map) = bundle_value(value, DocumentKind::Request)? else {
            return Err(argument("inputs", "expected an object"));
        };
        const KNOWN: [&str; 6] = ["target", "plan", "asOf", "history", "peers", "minGroupSize"];
        for (key, item) in map {
            if item.is_null() && KNOWN.contains(&key.as_str()) {
                continue;
            }
            match key.as_str() {
                "target" => inputs.target = Some(Target::from_json_value(&item, self.r())?),
                "plan" => inputs.plan = Some(api::plan_from_value(&item, self.r())?),
                "asOf" => match item {
                    Value::String(s) => inputs.as_of = Some(s),
                    _ => return Err(argument("as_of", "expected a string")),
                },
                "history" => inputs.history = self.assessments_from_value(item, "history")?,
                "peers" => inputs.peers = Some(api::peers_from_value(&item)?),
                "minGroupSize" => {
                    inputs.min_group_size = count(item.as_f64(), false, "min_group_size")?;
                }
                other => {
                    return Err(argument(
                        "inputs",
                        format!("unknown option `{other}` (expected target, plan, asOf, history, peers, minGroupSize)"),
                    ))
                }
            }
        }
        Ok(inputs)
    }

    fn full_report_inner(
        &self,
        assessment: &JsValue,
        inputs: &JsValue,
        format: &JsValue,
        lang: &JsValue,
    ) -> Outcome<String> {
        let a = self.assessment(assessment)?;
        let inputs = self.inputs(inputs)?;
        let (format, lang) = (self::format(format)?, self::lang(lang)?);
        api::full_report(self.r(), &a, &inputs.inputs(), format, lang)
    }
}

#[wasm_bindgen]
impl Referential {
    /// Validates any document (referential, assessment, plan, peers'
    /// results; recognised from its fields; assessments and plans against
    /// this referential). Never throws: problems are in the report.
    #[wasm_bindgen(unchecked_return_type = "ValidationReport")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SobrieteDocument | object | string")]
        document: JsValue,
    ) -> Result<JsValue, JsValue> {
        let report = match input_text(&document, DocumentKind::Unknown) {
            Ok(text) => api::validate_json(&text, Some(self.r())),
            Err(e) => ValidationReport::unreadable(DocumentKind::Unknown, &e),
        };
        to_js(&report)
    }

    /// Validates an action plan against this referential. Never throws.
    #[wasm_bindgen(js_name = validatePlan, unchecked_return_type = "ValidationReport")]
    pub fn validate_plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    ) -> Result<JsValue, JsValue> {
        let report = match input_text(&plan, DocumentKind::Plan) {
            Ok(text) => api::validate_plan_json(&text, self.r()),
            Err(e) => ValidationReport::unreadable(DocumentKind::Plan, &e),
        };
        to_js(&report)
    }

    /// The gap between an assessment's scores and a target.
    #[wasm_bindgen(js_name = targetGap, unchecked_return_type = "TargetGap")]
    pub fn target_gap(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Target | string")] target: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let t: Target = self.doc(&target)?;
            api::target_gap(self.r(), &a, &t)
        };
        done(run())
    }

    /// Every action that would raise an answer, with its exact gain.
    #[wasm_bindgen(unchecked_return_type = "Candidates")]
    pub fn candidates(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            self.assessment(&assessment)
                .and_then(|a| api::candidates(self.r(), &a)),
        )
    }

    /// The plan of least effort that reaches the request's target.
    #[wasm_bindgen(unchecked_return_type = "Proposal")]
    pub fn propose(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ProposalRequest | string")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let request: ProposalRequest = self.doc(&request)?;
            api::propose(self.r(), &a, &request)
        };
        done(run())
    }

    /// A plan document from a proposal (computed from the request when
    /// `null`): every proposed action, in schedule order, with the target
    /// and the baseline assessment.
    #[wasm_bindgen(js_name = planFromProposal, unchecked_return_type = "Plan")]
    pub fn plan_from_proposal(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ProposalRequest | string")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Proposal | string | null")] proposal: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] created: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let request: ProposalRequest = self.doc(&request)?;
            let proposal = match self.optional::<Proposal>(&proposal)? {
                Some(p) => p,
                None => api::propose(self.r(), &a, &request)?,
            };
            let created = string(&created, "created")?;
            Ok(api::plan_from_proposal(
                self.r(),
                &a,
                &request,
                &proposal,
                &created,
            ))
        };
        done(run())
    }

    /// Follows a plan up at a date (`YYYY-MM-DD`). The baseline is
    /// `baseline`, else the plan's own.
    #[wasm_bindgen(js_name = planStatus, unchecked_return_type = "PlanStatus")]
    #[allow(non_snake_case)] // JavaScript names, in the .d.ts too
    pub fn plan_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string | null")] baseline: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] asOf: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let p = self.doc::<Plan>(&plan)?;
            let baseline = self.optional::<Assessment>(&baseline)?;
            let asOf = string(&asOf, "as_of")?;
            api::plan_status(self.r(), &p, baseline.as_ref(), &asOf)
        };
        done(run())
    }

    /// The referential as a readable Markdown document.
    pub fn markdown(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        text(self::lang(&lang).map(|l| api::referential_markdown(self.r(), l)))
    }

    /// Carries an assessment made on this referential to `to` across a
    /// crosswalk: the migrated assessment and the report of every answer.
    #[wasm_bindgen(unchecked_return_type = "Migration")]
    pub fn migrate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let (c, to) = (self.doc::<Crosswalk>(&crosswalk)?, other_referential(&to)?);
            api::migrate(self.r(), &a, &c, &to)
        };
        done(run())
    }

    /// What `migrate` would change (index, grade and theme scores before
    /// and after, and the report) without committing to it.
    #[wasm_bindgen(js_name = simulateMigration, unchecked_return_type = "MigrationSimulation")]
    pub fn simulate_migration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let (c, to) = (self.doc::<Crosswalk>(&crosswalk)?, other_referential(&to)?);
            api::simulate_migration(self.r(), &a, &c, &to)
        };
        done(run())
    }

    /// The migration's report rendered like the CLI's `migrate` (`text`,
    /// `markdown`; `json` gives the report as JSON text).
    #[wasm_bindgen(js_name = renderMigration)]
    pub fn render_migration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let (c, to) = (self.doc::<Crosswalk>(&crosswalk)?, other_referential(&to)?);
            let (format, lang) = (self::format(&format)?, self::lang(&lang)?);
            let m = api::migrate(self.r(), &a, &c, &to)?;
            Ok(match format {
                ReportFormat::Json => pretty(&m.report),
                _ => sobriete::api::render_migration_report(&m.report, format, lang),
            })
        };
        text(run())
    }

    /// The migration's simulation rendered like the CLI's `migrate
    /// --simulate` (`text`, `markdown`; `json` gives it as JSON text).
    #[wasm_bindgen(js_name = renderMigrationSimulation)]
    pub fn render_migration_simulation(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let (c, to) = (self.doc::<Crosswalk>(&crosswalk)?, other_referential(&to)?);
            let (format, lang) = (self::format(&format)?, self::lang(&lang)?);
            let s = api::simulate_migration(self.r(), &a, &c, &to)?;
            Ok(match format {
                ReportFormat::Json => pretty(&s),
                _ => sobriete::api::render_migration_simulation(&s, format, lang),
            })
        };
        text(run())
    }

    /// Checks a crosswalk from this referential to `to`. Never throws for
    /// the crosswalk: its problems are in the report (an invalid `to`
    /// throws).
    #[wasm_bindgen(js_name = validateCrosswalk, unchecked_return_type = "ValidationReport")]
    pub fn validate_crosswalk(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
    ) -> Result<JsValue, JsValue> {
        let to = other_referential(&to).map_err(|e| to_js_error(&e))?;
        let report = match input_text(&crosswalk, DocumentKind::Crosswalk) {
            Ok(text) => api::validate_crosswalk_json(&text, self.r(), &to),
            Err(e) => ValidationReport::unreadable(DocumentKind::Crosswalk, &e),
        };
        to_js(&report)
    }

    /// Scores an assessment and renders the report (`text`, `json`,
    /// `markdown` or a self-contained `html` page; French by default).
    #[wasm_bindgen(js_name = renderReport)]
    pub fn render_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || -> Outcome<String> {
            let a = self.assessment(&assessment)?;
            let (format, lang) = (self::format(&format)?, self::lang(&lang)?);
            let report = api::score(self.r(), &a)?;
            Ok(api::render_report(&report, format, lang))
        };
        text(run())
    }

    /// The full report in a format: the score report with, when given, the
    /// target's gap and proposed plan, a plan's follow-up, the history and
    /// the comparison with peers.
    #[wasm_bindgen(js_name = fullReport)]
    pub fn full_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FullReportInputs | null")] inputs: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        text(self.full_report_inner(&assessment, &inputs, &format, &lang))
    }

    /// Every part of the full report, as data.
    #[wasm_bindgen(js_name = fullReportData, unchecked_return_type = "FullReport")]
    pub fn full_report_data(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FullReportInputs | null")] inputs: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let inputs = self.inputs(&inputs)?;
            api::full_report_data(self.r(), &a, &inputs.inputs())
        };
        done(run())
    }

    /// Dated assessments in order, with per-theme evolution and deltas.
    #[wasm_bindgen(unchecked_return_type = "History")]
    pub fn history(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment> | string")] assessments: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            self.assessments(&assessments, "assessments")
                .and_then(|list| api::history(self.r(), &list)),
        )
    }

    /// What changed between two assessments.
    #[wasm_bindgen(unchecked_return_type = "AssessmentDiff")]
    pub fn diff(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] before: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] after: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let (b, a) = (self.assessment(&before)?, self.assessment(&after)?);
            api::diff(self.r(), &b, &a)
        };
        done(run())
    }

    /// The draft of the next assessment: answers raised by done plan
    /// actions, marked in `from_plan` to be confirmed.
    #[wasm_bindgen(js_name = nextAssessment, unchecked_return_type = "Assessment")]
    pub fn next_assessment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] previous: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let previous = self.assessment(&previous)?;
            let p = self.doc::<Plan>(&plan)?;
            let date = string(&date, "date")?;
            api::next_assessment(self.r(), &previous, &p, &date)
        };
        done(run())
    }

    /// Achieved vs planned index over time.
    #[wasm_bindgen(js_name = progressSeries, unchecked_return_type = "ProgressPoint[]")]
    pub fn progress_series(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment> | string")] assessments: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let list = self.assessments(&assessments, "assessments")?;
            let p = self.doc::<Plan>(&plan)?;
            api::progress_series(self.r(), &list, &p)
        };
        done(run())
    }

    /// Situates an assessment among its peers (strata smaller than
    /// `minGroupSize`, default 5, are hidden).
    #[wasm_bindgen(unchecked_return_type = "PeerComparison")]
    #[allow(non_snake_case)] // JavaScript names, in the .d.ts too
    pub fn compare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Peers | string")] peers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] minGroupSize: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let set: PeerSet = self.doc(&peers)?;
            let min = js_count(&minGroupSize, "min_group_size")?;
            api::compare(self.r(), &a, &set, min)
        };
        done(run())
    }

    /// The peer result of an assessment (to publish into a peers file).
    #[wasm_bindgen(js_name = peerResult, unchecked_return_type = "PeerResult")]
    pub fn peer_result(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            self.assessment(&assessment)
                .and_then(|a| api::peer_result(self.r(), &a)),
        )
    }

    /// CSV of the answers, one row per question.
    #[wasm_bindgen(js_name = answersCsv)]
    pub fn answers_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || api::answers_csv(self.r(), &self.assessment(&assessment)?, self::lang(&lang)?);
        text(run())
    }

    /// CSV of the theme scores.
    #[wasm_bindgen(js_name = themesCsv)]
    pub fn themes_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || api::themes_csv(self.r(), &self.assessment(&assessment)?, self::lang(&lang)?);
        text(run())
    }

    /// CSV of a plan's actions.
    #[wasm_bindgen(js_name = planCsv)]
    pub fn plan_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || api::plan_csv(self.r(), &self.doc::<Plan>(&plan)?, self::lang(&lang)?);
        text(run())
    }

    /// The REEN annual review (Markdown) for `year`; with a plan, followed
    /// up as of `asOf` (default: the end of `year`).
    #[wasm_bindgen(js_name = annualReview)]
    #[allow(non_snake_case)] // JavaScript names, in the .d.ts too
    pub fn annual_review(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Plan | string | null")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] asOf: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let p = self.optional::<Plan>(&plan)?;
            let year = whole(year.as_f64(), "year", 0.0, 9999.0)? as i32;
            let asOf = optional_string(&asOf, "as_of")?;
            api::annual_review(
                self.r(),
                &a,
                p.as_ref(),
                year,
                asOf.as_deref(),
                self::lang(&lang)?,
            )
        };
        text(run())
    }

    /// The radar chart (SVG) of an assessment's theme scores, with the
    /// target's theme scores and the peers' national medians when given.
    #[wasm_bindgen(js_name = radarSvg)]
    pub fn radar_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Target | string | null")] target: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Peers | string | null")] peers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let t: Option<Target> = self.optional(&target)?;
            let set: Option<PeerSet> = self.optional(&peers)?;
            api::radar_svg(self.r(), &a, t.as_ref(), set.as_ref(), self::lang(&lang)?)
        };
        text(run())
    }

    /// The evolution chart (SVG) of dated assessments, with the planned
    /// index when a plan is given.
    #[wasm_bindgen(js_name = evolutionSvg)]
    pub fn evolution_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment> | string")] assessments: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Plan | string | null")] plan: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let list = self.assessments(&assessments, "assessments")?;
            let p = self.optional::<Plan>(&plan)?;
            api::evolution_svg(self.r(), &list, p.as_ref(), self::lang(&lang)?)
        };
        text(run())
    }
}

/// The crosswalk the other way round; an `ArgumentError` names the mapping
/// that cannot be undone.
#[wasm_bindgen(js_name = invertCrosswalk, unchecked_return_type = "Crosswalk")]
pub fn invert_crosswalk(
    #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
) -> Result<JsValue, JsValue> {
    done(self::crosswalk(&crosswalk).and_then(|c| api::invert_crosswalk(&c)))
}

/// Aggregates members' results (e.g. the communes of an intercommunalité).
#[wasm_bindgen(unchecked_return_type = "Rollup")]
#[allow(non_snake_case)] // JavaScript names, in the .d.ts too
pub fn rollup(
    #[wasm_bindgen(unchecked_param_type = "Peers | string")] peers: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] expectedMembers: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || {
        let set = self::peers(&peers)?;
        let expected = js_count(&expectedMembers, "expected_members")?;
        api::rollup(&set, expected)
    };
    done(run())
}
