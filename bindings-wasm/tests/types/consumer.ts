// A TypeScript consumer of the package: `tsc --noEmit -p tests/types`
// type-checks it against the generated .d.ts. The @ts-expect-error lines
// prove that the types reject wrong documents and arguments.
import init, {
  loadExtras, loadImporters, importReferential, type Imported, importEcoclic, importEcoclicAnswers,
  type ImportedAnswers, type EcoclicSource,
  Referential, rollup, version, invertCrosswalk, SobrieteError, ValidationError, ArgumentError,
  type Crosswalk, type Migration, type MigrationSimulation, type ScoreSummary, type ScoreSummaryItem, type ScoreTable,
  type Assessment, type ScoreReport, type ValidationReport, type Proposal, type Plan,
  type PlanStatus, type History, type PeerComparison, type Peers, type Rollup, type TargetGap,
  type Candidates, type AssessmentDiff, type PeerResult, type FullReport, type ProgressPoint,
  type ReferentialDocument, type ScoreManyItem, type Issue, type Answer, type Lang, type ReportFormat,
} from '../../pkg/index.js';

await init({ extras: true });
await init();
await loadExtras();
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
const validation: ValidationReport = await r.validate(a);
const ok: boolean = validation.valid && validation.issues.every((i: Issue) => typeof i.path === 'string');
const template: Assessment = r.template(2, a.profile, '2026-01-01');
const text: string = await r.renderReport(a, 'markdown', 'en') + await r.renderReport(a);
const format: ReportFormat = 'html';
const lang: Lang = 'fr';
const full: string = await r.fullReport(a, { target: { index: 60 }, history: [template], minGroupSize: 3 }, format, lang);
const data: FullReport = await r.fullReportData(a, { target: { index: 60 } });
const gap: TargetGap = await r.targetGap(a, { index: 70, themes: { governance: 50 } });
const candidates: Candidates = await r.candidates(a);
const proposal: Proposal = await r.propose(a, { target: { index: 60 } });
const plan: Plan = await r.planFromProposal(a, { target: { index: 60 } }, proposal, '2026-04-01');
const planReport: ValidationReport = await r.validatePlan(plan);
const status: PlanStatus = await r.planStatus(plan, null, '2026-06-01');
const next: Assessment = await r.nextAssessment(a, plan, '2027-01-01');
const history: History = await r.history([a, next]);
const diff: AssessmentDiff = await r.diff(a, next);
const series: ProgressPoint[] = await r.progressSeries([a, next], plan);
const peers: Peers = { peers: [] };
const comparison: PeerComparison = await r.compare(a, peers, 5);
const mine: PeerResult = await r.peerResult(a);
const roll: Rollup = await rollup(peers, 10);
const csv: string = await r.answersCsv(a) + await r.themesCsv(a, 'en') + await r.planCsv(plan);
const review: string = await r.annualReview(a, plan, 2026, null, 'fr');
const svg: string = await r.radarSvg(a, { themes: { governance: 80 } }, peers) + await r.evolutionSvg([a, next], plan);
const md: string = await r.markdown('en');

const summary: ScoreSummary = r.scoreSummary(a);
const summaries: ScoreSummaryItem[] = r.scoreSummaries([a]);
const table: ScoreTable = r.scoreTable([a, JSON.stringify(a)]);
const indexes: (number | null)[] = table.index;
const themeColumn: (number | null)[] | undefined = table['theme:governance'];
const fromLines: number[] | undefined = r.scoreTableJsonLines(new Uint8Array()).line;
// @ts-expect-error: JSON Lines are a string or bytes
r.scoreTableJsonLines([a]);
declare const crosswalk: Crosswalk;
declare const next2: ReferentialDocument;
const migration: Migration = await r.migrate(a, crosswalk, next2);
const migrationAgain: Migration = await r.migrate(a, crosswalk, new Referential(next2));
const simulation: MigrationSimulation = await r.simulateMigration(a, crosswalk, next2);
const migrationText: string = await r.renderMigration(a, crosswalk, next2, 'markdown', 'en') + await r.renderMigrationSimulation(a, crosswalk, next2);
const crosswalkReport: ValidationReport = await r.validateCrosswalk(crosswalk, next2);
const back: Crosswalk = await invertCrosswalk(crosswalk);
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
await r.renderReport(a, 'pdf');
// @ts-expect-error: an answer kind that does not exist
const wrong: Answer = { kind: 'maybe' };
// @ts-expect-error: a profile needs a kind
const noKind: Assessment = { ...a, profile: { name: 'x', population: 1 } };
// @ts-expect-error: the score report is not a string
const notString: string = r.score(a);
// @ts-expect-error: the extras module's methods return Promises
const notAwaited: string = r.renderReport(a);
const imported: Imported = await importReferential('rgesn', '{}');
// @ts-expect-error: not an import format
await importReferential('pdf', '{}');
await loadImporters();
await init({ importers: true });
const ecoclicSource: EcoclicSource = { csv: { question: 'id;question\n' } };
const fromEcoclic: Imported = await importEcoclic(ecoclicSource);
const ecoclicAnswers: ImportedAnswers = await importEcoclicAnswers('-- dump', r);
const firstAssessment: Assessment | undefined = ecoclicAnswers.assessments[0]?.assessment;
// @ts-expect-error: a source is a dump, bytes or {sql}/{csv}
await importEcoclic({ xml: '' });

export { notAwaited, imported, fromEcoclic, firstAssessment, summary, summaries, migration, migrationAgain, simulation, migrationText, crosswalkReport, back, id, index, grade, themeScores, ok, text, full, data, gap, candidates, planReport, status, history, diff, series, comparison, mine, roll, csv, review, svg, md, wrong, noKind, notString };

// The web components: typed elements, properties and events.
import { SobrieteQuestionnaire, type QuestionnaireEventDetail, type MigrationOffer } from '../../pkg/components.js';
const questionnaire = document.createElement('sobriete-questionnaire');
const isQuestionnaire: boolean = questionnaire instanceof SobrieteQuestionnaire;
await questionnaire.ready;
questionnaire.setAttribute('storage-key', 'intranet');
questionnaire.referential = doc;
questionnaire.migrations = [{ referential: r, crosswalk: '{}' } satisfies MigrationOffer];
questionnaire.value = a;
const held: Assessment | null = questionnaire.value;
const json: string = questionnaire.exportJSON();
questionnaire.addEventListener('sobriete-change', (e) => {
  const detail: QuestionnaireEventDetail = e.detail;
  const index: number | null | undefined = detail.summary?.index;
  void index;
});
const results = document.createElement('sobriete-results');
results.assessment = a;
const shown: ScoreReport | null = results.report;
// @ts-expect-error: the level is a number
questionnaire.level = 'two';
void [isQuestionnaire, held, json, shown];
