// Agreement between the plain-JavaScript scores (plain.mjs) and the
// package's summaries: index, grade and every theme score, exactly (both
// are rounded to 2 decimals, so equal figures are equal doubles).

/**
 * The differences between one plain result and one `ScoreSummaryItem`
 * (an empty array when they agree).
 */
export function differences(plain, summary) {
  if (summary instanceof Error || summary == null || !Array.isArray(summary.themes)) {
    return [`the package failed: ${summary?.message ?? String(summary)}`];
  }
  const out = [];
  if ((summary.index ?? null) !== plain.index) out.push(`index ${summary.index} ≠ ${plain.index}`);
  if ((summary.grade ?? null) !== plain.grade) out.push(`grade ${summary.grade} ≠ ${plain.grade}`);
  const ids = Object.keys(plain.themes);
  if (summary.themes.length !== ids.length) {
    out.push(`${summary.themes.length} themes ≠ ${ids.length}`);
  }
  for (const t of summary.themes) {
    if (!(t.id in plain.themes)) out.push(`theme ${t.id} unknown to the plain scorer`);
    else if ((t.score ?? null) !== plain.themes[t.id]) {
      out.push(`theme ${t.id} ${t.score} ≠ ${plain.themes[t.id]}`);
    }
  }
  return out;
}

/**
 * Compares two lists item by item: `{ mismatches, examples }`, `examples`
 * being the first few disagreements (item position and differences).
 */
export function compareAll(plainResults, summaries, keep = 5) {
  const examples = [];
  let mismatches = 0;
  if (plainResults.length !== summaries.length) {
    return {
      mismatches: Math.max(plainResults.length, summaries.length),
      examples: [{ item: -1, differences: [`${summaries.length} results ≠ ${plainResults.length}`] }],
    };
  }
  for (let i = 0; i < plainResults.length; i++) {
    const d = differences(plainResults[i], summaries[i]);
    if (d.length > 0) {
      mismatches++;
      if (examples.length < keep) examples.push({ item: i, differences: d });
    }
  }
  return { mismatches, examples };
}

/**
 * A `ScoreTable`'s rows as summaries (`{ index, grade, themes }`, or an
 * `Error` for a failed row), for `compareAll`.
 */
export function tableItems(table, themeIds) {
  return table.index.map((index, i) => (table.error[i] !== null
    ? new Error(table.error[i])
    : { index, grade: table.grade[i], themes: themeIds.map((id) => ({ id, score: table[`theme:${id}`][i] })) }));
}
