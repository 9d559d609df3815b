// A TypeScript consumer of the package: `tsc --noEmit -p tests/types`
// type-checks it against the generated .d.ts. The @ts-expect-error lines
// prove that the types reject wrong documents and arguments.
import {
  Referential, rollup, version, invertCrosswalk, SobrieteError, ValidationError, ArgumentError,
  type Crosswalk, type Migration, type MigrationSimulation, type ScoreSummary, type ScoreSummaryItem,
  type Assessment, type ScoreReport, type ValidationReport, type Proposal, type Plan,
  type PlanStatus, type History, type PeerComparison, type Peers, type Rollup, type TargetGap,
  type Candidates, type AssessmentDiff, type PeerResult, type FullReport, type ProgressPoint,
  type ReferentialDocument, type ScoreManyItem, type Issue, type Answer, type Lang, type ReportFormat,
} from '../../pkg/index.js';

const r: Referential = Referential.default();
const doc: ReferentialDocument = r.toJSON();
const again = new Referential(doc);
const id: string = again.id + r.version + version();

const answers: Record<string, Answer> = { 'gov-01': { kind: 'choice', options: ['informal'] }, 'flt-01': { kind: 'yes' } };
const a: Assessment = {
  referential: { id: doc.id, version: doc.version },
  profile: { name: 'Commune', kind: 'commune', population: 800 },
  date: '2026-03-01',
  level: 1,
  answers,
};
const report: ScoreReport = r.score(a);
const index: number | null | undefined = report.index;
const grade: string | undefined = report.grade?.grade;
const themeScores: Array<number | null | undefined> = report.themes.map((t) => t.score);
const validation: ValidationReport = r.validate(a);
const ok: boolean = validation.valid && validation.issues.every((i: Issue) => typeof i.path === 'string');
const template: Assessment = r.template(2, a.profile, '2026-01-01');
const text: string = r.renderReport(a, 'markdown', 'en') + r.renderReport(a);
const format: ReportFormat = 'html';
const lang: Lang = 'fr';
const full: string = r.fullReport(a, { target: { index: 60 }, history: [template], minGroupSize: 3 }, format, lang);
const data: FullReport = r.fullReportData(a, { target: { index: 60 } });
const gap: TargetGap = r.targetGap(a, { index: 70, themes: { governance: 50 } });
const candidates: Candidates = r.candidates(a);
const proposal: Proposal = r.propose(a, { target: { index: 60 } });
const plan: Plan = r.planFromProposal(a, { target: { index: 60 } }, proposal, '2026-04-01');
const planReport: ValidationReport = r.validatePlan(plan);
const status: PlanStatus = r.planStatus(plan, null, '2026-06-01');
const next: Assessment = r.nextAssessment(a, plan, '2027-01-01');
const history: History = r.history([a, next]);
const diff: AssessmentDiff = r.diff(a, next);
const series: ProgressPoint[] = r.progressSeries([a, next], plan);
const peers: Peers = { peers: [] };
const comparison: PeerComparison = r.compare(a, peers, 5);
const mine: PeerResult = r.peerResult(a);
const roll: Rollup = rollup(peers, 10);
const csv: string = r.answersCsv(a) + r.themesCsv(a, 'en') + r.planCsv(plan);
const review: string = r.annualReview(a, plan, 2026, null, 'fr');
const svg: string = r.radarSvg(a, { themes: { governance: 80 } }, peers) + r.evolutionSvg([a, next], plan);
const md: string = r.markdown('en');

const summary: ScoreSummary = r.scoreSummary(a);
const summaries: ScoreSummaryItem[] = r.scoreSummaries([a]);
declare const crosswalk: Crosswalk;
declare const next2: ReferentialDocument;
const migration: Migration = r.migrate(a, crosswalk, next2);
const migrationAgain: Migration = r.migrate(a, crosswalk, new Referential(next2));
const simulation: MigrationSimulation = r.simulateMigration(a, crosswalk, next2);
const migrationText: string = r.renderMigration(a, crosswalk, next2, 'markdown', 'en') + r.renderMigrationSimulation(a, crosswalk, next2);
const crosswalkReport: ValidationReport = r.validateCrosswalk(crosswalk, next2);
const back: Crosswalk = invertCrosswalk(crosswalk);
const batch: ScoreManyItem[] = r.scoreMany([a, JSON.stringify(a)]);
for (const item of batch) {
  if (item instanceof SobrieteError) {
    const code: 'invalid_document' | 'invalid_argument' = item.code;
    const data = item.toJSON();
  } else {
    const i: number | null | undefined = item.index;
  }
}

try {
  r.score(a);
} catch (e) {
  if (e instanceof ValidationError) {
    const code: 'invalid_document' = e.code;
    const paths: string[] = e.issues.map((i) => i.path);
  } else if (e instanceof ArgumentError) {
    const argument: string = e.argument;
  } else if (e instanceof SobrieteError) {
    const argument: string | null = e.argument;
    const document: string = e.document;
  }
}

// @ts-expect-error: level 3 does not exist
r.template(3);
// @ts-expect-error: not a report format
r.renderReport(a, 'pdf');
// @ts-expect-error: an answer kind that does not exist
const wrong: Answer = { kind: 'maybe' };
// @ts-expect-error: a profile needs a kind
const noKind: Assessment = { ...a, profile: { name: 'x', population: 1 } };
// @ts-expect-error: the score report is not a string
const notString: string = r.score(a);

export { summary, summaries, migration, migrationAgain, simulation, migrationText, crosswalkReport, back, id, index, grade, themeScores, ok, text, full, data, gap, candidates, planReport, status, history, diff, series, comparison, mine, roll, csv, review, svg, md, wrong, noKind, notString };
