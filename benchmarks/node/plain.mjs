// The maturity index in plain JavaScript: the baseline of bench.mjs.
//
// A straightforward implementation of the scoring rules documented in
// docs/scoring.md ("The rules"), written from the documentation and the JSON
// shapes of the referential and of assessments, as a web developer would
// write it. It does not import the package, validates nothing beyond what
// the formula needs, and computes the index, the theme scores and the
// grade only (no completeness, gaps, actions…).
//
//   import { createScorer } from './plain.mjs';
//   const score = createScorer(referentialObject);   // prepared once
//   const { index, grade, themes } = score(JSON.parse(assessmentText));
//
// `index` is the maturity index (0–100, 2 decimals, null when no theme has
// a score), `grade` the grade of the rounded index (null without one),
// `themes` an object mapping every theme id, in referential order, to its
// score (2 decimals, null when nothing is counted in it).
//
// The rules, for an assessment of level L:
// * a question is shown when its level ≤ L, it applies to the profile
//   (`applies_to`: kinds, inclusive population range) and, if it has a
//   condition, its parent question is itself shown and its answer satisfies
//   the condition (is_yes, is_no, any_of, at_least, less_than);
// * a shown question is counted unless it is answered "not applicable";
//   "don't know" and unanswered (or absent) answers are counted and earn 0;
// * its credit is weight × points ÷ max points;
// * a theme's score is 100 × Σ credit ÷ Σ weight over its counted questions;
//   the index is the mean of the theme scores weighted by the theme weights,
//   over the themes that have a score;
// * published figures are rounded to 2 decimals, half away from zero, on
//   the decimal value (see round2); the grade is the band with the highest
//   `min` ≤ the rounded index.

/**
 * Rounds to 2 decimals, half away from zero, on the decimal value: 25.625
 * is stored as 25.62499999…, and a nudge of 1e-9 of a hundredth brings such
 * ties back to the decimal rule (as the library's `round2`). `Math.round`
 * rounds halves up, so it is applied to the absolute value.
 */
export function round2(x) {
  let y = x * 100;
  y += Math.sign(y) * 1e-9;
  return (Math.sign(y) * Math.round(Math.abs(y))) / 100;
}

/** The most points an answer to a question can earn. */
export function maxPoints(response) {
  switch (response.kind) {
    case 'yes_no':
      return Math.max(response.yes_points ?? 1, response.no_points ?? 0);
    case 'single_choice':
      return Math.max(0, ...response.options.map((o) => o.points));
    case 'multiple_choice': {
      const sum = response.options.reduce((s, o) => s + o.points, 0);
      return response.cap == null ? sum : Math.min(sum, response.cap);
    }
    case 'numeric':
      return Math.max(0, ...response.bands.map((b) => b.points));
    default:
      throw new Error(`unknown response kind ${response.kind}`);
  }
}

/** Points earned by an answer (not called for N/A and unanswered). */
function answerPoints(q, answer) {
  const response = q.response;
  switch (answer.kind) {
    case 'yes':
      return response.kind === 'yes_no' ? (response.yes_points ?? 1) : 0;
    case 'no':
      return response.kind === 'yes_no' ? (response.no_points ?? 0) : 0;
    case 'choice': {
      if (response.kind === 'single_choice') {
        return q.optionPoints.get(answer.options[0]) ?? 0;
      }
      if (response.kind === 'multiple_choice') {
        let sum = 0;
        for (const id of new Set(answer.options)) sum += q.optionPoints.get(id) ?? 0;
        return Math.min(sum, q.max);
      }
      return 0;
    }
    case 'number': {
      if (response.kind !== 'numeric') return 0;
      let points = 0; // below the first band
      for (const band of response.bands) {
        if (band.from <= answer.value) points = band.points;
        else break;
      }
      return points;
    }
    default:
      return 0; // don't know
  }
}

function applies(q, profile) {
  const scope = q.applies_to;
  if (!scope) return true;
  if (scope.kinds && scope.kinds.length > 0 && !scope.kinds.includes(profile.kind)) return false;
  if (scope.min_population != null && profile.population < scope.min_population) return false;
  if (scope.max_population != null && profile.population > scope.max_population) return false;
  return true;
}

function conditionHolds(condition, answer) {
  if (!answer) return false;
  switch (condition.kind) {
    case 'is_yes':
      return answer.kind === 'yes';
    case 'is_no':
      return answer.kind === 'no';
    case 'any_of':
      return answer.kind === 'choice' && answer.options.some((o) => condition.options.includes(o));
    case 'at_least':
      return answer.kind === 'number' && answer.value >= condition.value;
    case 'less_than':
      return answer.kind === 'number' && answer.value < condition.value;
    default:
      throw new Error(`unknown condition kind ${condition.kind}`);
  }
}

/**
 * Prepares a referential (a plain object, as `JSON.parse` gives it) once and
 * returns the function scoring an assessment object.
 */
export function createScorer(referential) {
  const themes = referential.themes.map((t) => ({ id: t.id, weight: t.weight ?? 1 }));
  const themeIndex = new Map(themes.map((t, i) => [t.id, i]));
  const grades = [...(referential.grades ?? [])].sort((a, b) => b.min - a.min);
  const questions = referential.questions.map((q) => ({
    id: q.id,
    level: q.level,
    theme: themeIndex.get(q.theme),
    weight: q.weight ?? 1,
    response: q.response,
    applies_to: q.applies_to,
    condition: q.condition ?? null,
    max: maxPoints(q.response),
    optionPoints: new Map((q.response.options ?? []).map((o) => [o.id, o.points])),
  }));
  const position = new Map(questions.map((q, i) => [q.id, i]));
  for (const q of questions) q.parent = q.condition ? (position.get(q.condition.question) ?? -1) : -1;

  return function score(assessment) {
    const level = assessment.level;
    const profile = assessment.profile;
    const answers = assessment.answers ?? {};
    // shown[i]: undefined = not computed yet; false while computing (a
    // question on a cycle of conditions is hidden).
    const shown = new Array(questions.length);
    const isShown = (i) => {
      if (shown[i] !== undefined) return shown[i];
      shown[i] = false;
      const q = questions[i];
      let visible = q.level <= level && applies(q, profile);
      if (visible && q.condition) {
        visible =
          q.parent >= 0 &&
          isShown(q.parent) &&
          conditionHolds(q.condition, answers[q.condition.question]);
      }
      shown[i] = visible;
      return visible;
    };

    const credit = new Array(themes.length).fill(0);
    const weight = new Array(themes.length).fill(0);
    for (let i = 0; i < questions.length; i++) {
      if (!isShown(i)) continue;
      const q = questions[i];
      const answer = answers[q.id];
      const kind = answer ? answer.kind : 'unanswered';
      if (kind === 'not_applicable') continue; // not counted
      const points = kind === 'unanswered' ? 0 : answerPoints(q, answer);
      credit[q.theme] += (q.weight * points) / q.max;
      weight[q.theme] += q.weight;
    }

    const themeScores = {};
    let weighted = 0;
    let total = 0;
    themes.forEach((t, i) => {
      if (weight[i] > 0) {
        const raw = (100 * credit[i]) / weight[i];
        themeScores[t.id] = round2(raw);
        weighted += t.weight * raw;
        total += t.weight;
      } else {
        themeScores[t.id] = null;
      }
    });
    const index = total > 0 ? round2(weighted / total) : null;
    let grade = null;
    if (index !== null) {
      const band = grades.find((g) => g.min <= index);
      grade = band ? band.grade : null;
    }
    return { index, grade, themes: themeScores };
  };
}
