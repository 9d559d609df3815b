// Demo of the sobriete package: the questionnaire of the default referential,
// scored live. Every figure comes from the library; this page only builds the
// assessment from the form and displays the results. Referential and user
// texts are always set with textContent (never parsed as HTML).
import { Referential, SobrieteError } from '../pkg/index.js';

const referential = Referential.default();
const doc = referential.toJSON();

const UI = {
  fr: {
    title: 'Indice de maturité en sobriété numérique',
    intro: 'Répondez au questionnaire du référentiel par défaut (loi REEN) : l’indice, la note et les scores par thème se mettent à jour à chaque réponse. Tout est calculé dans votre navigateur ; aucune donnée n’est envoyée.',
    settings: 'Votre collectivité', lang: 'Langue', level: 'Niveau du questionnaire',
    level1: '1 — l’essentiel', level2: '2 — complet', name: 'Nom', kind: 'Type', population: 'Population',
    results: 'Résultat', index: 'Indice', grade: 'Note', themes: 'Scores par thème',
    target: 'Objectif et plan proposé', 'target-label': 'Indice visé (0–100)',
    gaps: 'Pratiques non en place',
    footer: 'Calcul : bibliothèque sobriete compilée en WebAssembly — le même calcul que la ligne de commande et les autres langages.',
    yes: 'Oui', no: 'Non', dontKnow: 'Je ne sais pas', notApplicable: 'Non concerné',
    justification: 'Justification', help: 'Aide', levelTag: 'niveau',
    completeness: (p, c) => `${c ? 'Questionnaire complet' : 'Questionnaire incomplet'} : ${p} % des questions affichées ont une réponse.`,
    reachable: 'Objectif atteignable', unreachable: 'Objectif non atteignable avec les actions du référentiel',
    plan: (i, e, n) => `Indice après le plan : ${i} — effort total : ${e} — ${n} action(s)`,
    gain: 'gain', none: 'Toutes les pratiques affichées sont en place.',
    states: { partial: 'partiellement', absent: 'absente', dont_know: 'ne sait pas', unanswered: 'sans réponse' },
    kinds: {
      commune: 'Commune', communaute_de_communes: 'Communauté de communes',
      communaute_d_agglomeration: 'Communauté d’agglomération', communaute_urbaine: 'Communauté urbaine',
      metropole: 'Métropole', departement: 'Département', region: 'Région',
      syndicat_or_opsn: 'Syndicat ou OPSN', other: 'Autre organisme public',
    },
  },
  en: {
    title: 'Digital sobriety maturity index',
    intro: 'Answer the questionnaire of the default referential (REEN law): the index, grade and theme scores update with every answer. Everything is computed in your browser; no data is sent.',
    settings: 'Your local authority', lang: 'Language', level: 'Questionnaire level',
    level1: '1 — essentials', level2: '2 — complete', name: 'Name', kind: 'Kind', population: 'Population',
    results: 'Result', index: 'Index', grade: 'Grade', themes: 'Theme scores',
    target: 'Target and proposed plan', 'target-label': 'Target index (0–100)',
    gaps: 'Practices not in place',
    footer: 'Computed by the sobriete library compiled to WebAssembly — the same computation as the command line and the other languages.',
    yes: 'Yes', no: 'No', dontKnow: 'Don’t know', notApplicable: 'Not applicable',
    justification: 'Justification', help: 'Help', levelTag: 'level',
    completeness: (p, c) => `${c ? 'Complete' : 'Incomplete'}: ${p}% of the shown questions are answered.`,
    reachable: 'Target reachable', unreachable: 'Target not reachable with the referential’s actions',
    plan: (i, e, n) => `Index after the plan: ${i} — total effort: ${e} — ${n} action(s)`,
    gain: 'gain', none: 'Every shown practice is in place.',
    states: { partial: 'partly', absent: 'absent', dont_know: 'don’t know', unanswered: 'unanswered' },
    kinds: {
      commune: 'Commune', communaute_de_communes: 'Communauté de communes',
      communaute_d_agglomeration: 'Communauté d’agglomération', communaute_urbaine: 'Communauté urbaine',
      metropole: 'Métropole', departement: 'Département', region: 'Région',
      syndicat_or_opsn: 'Syndicat or OPSN', other: 'Other public body',
    },
  },
};

const $ = (id) => document.getElementById(id);
let lang = 'fr';
const t = (key) => UI[lang][key];
const text = (value) => (value ? (lang === 'en' && value.en ? value.en : value.fr) : '');
const number = (x) => (x === null || x === undefined ? '–'
  : x.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }));

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

// ------------------------------------------------------------ questionnaire

function choice(type, name, value, label, extra = {}) {
  return el('label', {}, el('input', { type, name, value, ...extra }), label);
}

function specialChoices(q, type, name) {
  const items = [];
  if (q.allow_dont_know !== false) items.push(choice(type, name, 'dont_know', t('dontKnow'), { class: 'special' }));
  if (q.allow_not_applicable) items.push(choice(type, name, 'not_applicable', t('notApplicable'), { class: 'special' }));
  return items;
}

function questionBlock(q) {
  const name = `q-${q.id}`;
  const controls = el('div', { class: 'choices' });
  const r = q.response;
  if (r.kind === 'yes_no') {
    controls.append(choice('radio', name, 'yes', t('yes')), choice('radio', name, 'no', t('no')), ...specialChoices(q, 'radio', name));
  } else if (r.kind === 'single_choice') {
    controls.append(...r.options.map((o) => choice('radio', name, `option:${o.id}`, text(o.label))), ...specialChoices(q, 'radio', name));
  } else if (r.kind === 'multiple_choice') {
    controls.append(...r.options.map((o) => choice('checkbox', name, `option:${o.id}`, text(o.label))), ...specialChoices(q, 'checkbox', name));
  } else if (r.kind === 'numeric') {
    controls.append(
      el('label', {}, el('input', { type: 'number', name, 'data-number': true, min: r.min ?? false, max: r.max ?? false, step: 'any' }), text(r.unit)),
      ...specialChoices(q, 'checkbox', name),
    );
  }
  const justification = q.allow_not_applicable
    ? el('input', { type: 'text', class: 'justification', name: `${name}-justification`, placeholder: t('justification'), hidden: true })
    : null;
  return el('div', { class: 'question', id: name, dataset: { id: q.id, level: String(q.level) } },
    el('div', { class: 'prompt' }, text(q.prompt), el('span', { class: 'level' }, `${t('levelTag')} ${q.level}`)),
    q.help ? el('details', {}, el('summary', {}, t('help')), el('p', {}, text(q.help))) : null,
    controls,
    justification);
}

function buildQuestionnaire() {
  const form = $('questionnaire');
  const saved = readAnswers();
  form.replaceChildren(...doc.themes.map((theme) => el('fieldset', { class: 'theme', id: `theme-${theme.id}` },
    el('legend', {}, text(theme.title)),
    ...doc.questions.filter((q) => q.theme === theme.id).map(questionBlock))));
  writeAnswers(saved);
}

/** The answer of one question, read from the form. */
function answerOf(q) {
  const block = $(`q-${q.id}`);
  const inputs = [...block.querySelectorAll(`input[name="q-${q.id}"]`)];
  const checked = inputs.filter((i) => i.checked).map((i) => i.value);
  if (checked.includes('dont_know')) return { kind: 'dont_know' };
  if (checked.includes('not_applicable')) {
    const j = block.querySelector('.justification').value.trim();
    return j ? { kind: 'not_applicable', justification: j } : { kind: 'not_applicable' };
  }
  if (q.response.kind === 'yes_no') {
    if (checked.includes('yes')) return { kind: 'yes' };
    if (checked.includes('no')) return { kind: 'no' };
    return { kind: 'unanswered' };
  }
  if (q.response.kind === 'numeric') {
    const field = block.querySelector('input[data-number]');
    return field.value === '' || !Number.isFinite(field.valueAsNumber)
      ? { kind: 'unanswered' } : { kind: 'number', value: field.valueAsNumber };
  }
  const options = checked.filter((v) => v.startsWith('option:')).map((v) => v.slice('option:'.length));
  return options.length ? { kind: 'choice', options } : { kind: 'unanswered' };
}

function readAnswers() {
  const answers = {};
  for (const q of doc.questions) if ($(`q-${q.id}`)) answers[q.id] = answerOf(q);
  return answers;
}

function writeAnswers(answers) {
  for (const [id, a] of Object.entries(answers)) {
    const block = $(`q-${id}`);
    if (!block) continue;
    for (const input of block.querySelectorAll('input[type=radio], input[type=checkbox]')) {
      input.checked = a.kind === input.value || (a.kind === 'choice' && a.options.includes(input.value.slice(7)));
    }
    const field = block.querySelector('input[data-number]');
    if (field && a.kind === 'number') field.value = String(a.value);
  }
}

function assessment() {
  const level = Number($('level').value);
  const answers = {};
  const all = readAnswers();
  for (const q of doc.questions) if (q.level <= level) answers[q.id] = all[q.id];
  const population = Math.max(0, Math.round(Number($('population').value) || 0));
  return {
    referential: { id: doc.id, version: doc.version },
    profile: { name: $('name').value, kind: $('kind').value, population },
    date: new Date().toISOString().slice(0, 10),
    level,
    answers,
  };
}

// ------------------------------------------------------------ results

function showMessage(error) {
  $('message').textContent = error
    ? (error instanceof SobrieteError
      ? `${error.message}${error.issues.length ? ` (${error.issues.map((i) => i.path || '/').join(', ')})` : ''}`
      : String(error))
    : '';
}

function showReport(report) {
  const index = $('index');
  index.dataset.value = report.index === null ? '' : String(report.index);
  index.textContent = number(report.index);
  $('grade').textContent = report.grade ? report.grade.grade : '–';
  $('completeness').textContent = t('completeness')(number(report.completeness), report.complete);
  $('themes').tBodies[0].replaceChildren(...report.themes.map((th) => el('tr', { dataset: { theme: th.id, value: th.score === null ? '' : String(th.score) } },
    el('td', {}, text(th.title)),
    el('td', {}, el('meter', { min: '0', max: '100', value: String(th.score ?? 0) })),
    el('td', { class: 'value' }, number(th.score)))));
  const prompts = new Map(doc.questions.map((q) => [q.id, q]));
  $('gaps').replaceChildren(...(report.gaps.length ? report.gaps.map((g) => el('li', { dataset: { question: g.question } },
    el('span', {}, text(g.prompt)), ` (${UI[lang].states[g.state] ?? g.state}, −${number(g.missed)})`,
    el('div', { class: 'rationale' }, text(g.rationale ?? prompts.get(g.question)?.rationale)))) : [el('li', {}, t('none'))]));
  // Which questions show: the core's statuses (conditions, profile, level).
  const status = new Map(report.questions.map((q) => [q.id, q.status]));
  for (const block of document.querySelectorAll('.question')) {
    const s = status.get(block.dataset.id);
    block.hidden = s === undefined || s === 'hidden' || s === 'out_of_profile';
    const j = block.querySelector('.justification');
    if (j) j.hidden = !block.querySelector('input[value=not_applicable]:checked');
  }
}

// Proposals come from the package's extras module, loaded on the first
// target typed (propose() is async): only the latest request is shown.
let proposalRequest = 0;
async function showProposal(a) {
  const box = $('proposal');
  const value = $('target').value.trim();
  const request = ++proposalRequest;
  if (value === '') {
    box.replaceChildren();
    return;
  }
  const proposal = await referential.propose(a, { target: { index: Number(value) } });
  if (request !== proposalRequest) return;
  box.replaceChildren(
    el('p', { class: proposal.reachable ? 'reachable' : 'unreachable' }, proposal.reachable ? t('reachable') : t('unreachable')),
    el('p', { id: 'proposal-summary', dataset: { index: String(proposal.index) } },
      t('plan')(number(proposal.index), proposal.total_effort, proposal.schedule.length)),
    el('ol', { id: 'schedule' }, ...proposal.schedule.map((s) => el('li', { dataset: { action: s.id } },
      text(s.title), ` (${t('gain')} +${number(s.gain)})`))));
}

function update() {
  try {
    const a = assessment();
    showReport(referential.score(a));
    showMessage(null);
    showProposal(a).catch(showMessage);
  } catch (e) {
    showMessage(e);
  }
}

// ------------------------------------------------------------ wiring

function translate() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  const kind = $('kind').value || 'commune';
  $('kind').replaceChildren(...Object.entries(UI[lang].kinds).map(([k, label]) => el('option', { value: k }, label)));
  $('kind').value = kind;
  buildQuestionnaire();
}

$('questionnaire').addEventListener('change', (event) => {
  // "Don't know" / "not applicable" exclude the other choices of a question.
  const input = event.target;
  if (input.type === 'checkbox' && input.checked) {
    const special = input.value === 'dont_know' || input.value === 'not_applicable';
    for (const other of input.form.querySelectorAll(`input[name="${CSS.escape(input.name)}"]`)) {
      if (other !== input && (special || other.value === 'dont_know' || other.value === 'not_applicable')) other.checked = false;
    }
    const field = input.closest('.question').querySelector('input[data-number]');
    if (field && special) field.value = '';
  }
  update();
});
$('questionnaire').addEventListener('input', update);
$('settings').addEventListener('input', update);
$('target').addEventListener('input', update);
$('lang').addEventListener('change', () => {
  lang = $('lang').value;
  translate();
  update();
});

translate();
update();
document.body.dataset.ready = 'true';
