// The checks Territoires en Transitions (TeT) makes on a plan import, re-implemented for the
// tests, with ExcelJS (the library TeT reads workbooks with). Usage:
//   node tet_importer.cjs <path/to/exceljs> <workbook.xlsx>
// Prints one JSON object: {ok, error, actions, sousActions, rows}.
//
// Sources, in incubateur-ademe/territoires-en-transitions, apps/backend/src/plans/plans/:
// - import-plan-aggregate/parsers/excel-parser.ts: the sheet whose A2 is « Axe (x) »
//   (findDataWorksheet), the 28 headers of row 2 exactly and in order (validateColumns, same
//   message), the rows read from row 4 with worksheet.eachRow (parseWorksheet, extractValue);
// - import-plan-aggregate/schemas/import-action.input.ts: what fails the parsing of a row (title
//   1…300 characters, sous-action title ≤ 300, texts and lists must be text, a financer with an
//   amount needs a number, the budget a number, dates must be dates);
// - import-plan-aggregate/validators/action.validator.ts and plan.rules.ts: start after end,
//   negative budget, sous-actions whose parent action has no row (key: axes + title);
// - create-plan-aggregate/create-plan-aggregate.rules.ts: two actions of one title in one axis.
'use strict';
const ExcelJS = require(process.argv[2]);

const LABELS = [
  ['Axe', 'Axe (x)'], ['SousAxe', 'Sous-axe (x.x)'], ['SousSousAxe', 'Sous-sous axe (x.x.x)'],
  ['titre', "Titre de l'action"], ['sousTitreAction', 'Titre de la sous-action'], ['description', 'Descriptif'],
  ['instanceGouvernance', 'Instances de gouvernance'], ['objectifs', 'Objectifs'], ['indicateurs', 'Indicateurs liés'],
  ['structures', 'Structure pilote'], ['resources', 'Moyens humains et techniques'], ['partenaires', 'Partenaires'],
  ['services', 'Direction ou service pilote'], ['pilotes', 'Personne pilote'], ['referents', 'Élu·e référent·e'],
  ['participation', 'Participation Citoyenne'], ['financements', 'Financements'], ['Financeur1', 'Financeur 1'],
  ['Montant1', 'Montant € HT'], ['Financeur2', 'Financeur 2'], ['Montant2', 'Montant € HT'],
  ['Financeur3', 'Financeur 3'], ['Montant3', 'Montant € HT'], ['budget', 'Budget prévisionnel total € HT'],
  ['status', 'Statut'], ['priorite', 'Niveau de priorité'], ['dateDebut', 'Date de début'], ['dateFin', 'Date de fin'],
];
const FIRST_DATA_ROW = 4;

function richText(v) {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v.richText)) return v.richText.map((s) => (s && (s.text ?? s.t)) ?? '').join('');
  return String(v);
}

function extractValue(cell) {
  if (cell === null || cell === undefined) return cell;
  if (['string', 'boolean', 'number'].includes(typeof cell) || cell instanceof Date) return cell;
  if (typeof cell === 'object' && Array.isArray(cell.richText)) return richText(cell) ?? '';
  if (typeof cell === 'object' && 'hyperlink' in cell && 'text' in cell) return cell.text;
  if (typeof cell === 'object' && ('formula' in cell || 'sharedFormula' in cell)) {
    const r = cell.result;
    if (r !== undefined && r !== null) return typeof r === 'object' && 'error' in r ? undefined : r;
    return undefined;
  }
  return undefined;
}

const cleanTitle = (t) => (t ? String(t).replace(/\\t|\\r|\\n/, ' ').trim() : undefined);
const toISO = (val) => {
  if (typeof val !== 'string' || !val.trim()) return val;
  const parts = val.trim().split(/[/-]/);
  if (parts.length !== 3) return val;
  const [d, m, y] = parts;
  return d.length <= 2 && m.length <= 2 && y.length === 4 ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : val;
};
const asDate = (v) => (v === undefined || v === null ? undefined : new Date(toISO(v)));

function checkRow(row) {
  const errors = [];
  const titre = cleanTitle(richText(row.titre));
  if (typeof richText(row.titre) !== 'string') errors.push('titre: Un texte est attendu');
  else if (!titre || titre.length > 300) errors.push('titre: Le titre est obligatoire (300 caractères au plus)');
  const sous = row.sousTitreAction ? cleanTitle(richText(row.sousTitreAction)) : null;
  if (sous && sous.length > 300) errors.push('sousTitreAction: plus de 300 caractères');
  // texts and lists go through richTextPreprocessor, which makes any value text: they never fail
  for (const key of ['priorite', 'participation', 'status']) {
    if (row[key] !== undefined && row[key] !== null && typeof row[key] !== 'string') errors.push(`${key}: texte attendu`);
  }
  for (const n of [1, 2, 3]) {
    const nom = row[`Financeur${n}`];
    const montant = row[`Montant${n}`];
    if (nom && montant !== undefined && montant !== null && typeof montant !== 'number') {
      errors.push(`Montant${n}: Un montant est attendu`);
    }
  }
  let budget;
  if (row.budget !== undefined && row.budget !== null && !(row.budget instanceof Date)) {
    budget = Number(row.budget);
    if (Number.isNaN(budget)) errors.push('budget: Un nombre est attendu');
    else if (budget < 0) errors.push('budget: Le budget ne peut pas être négatif');
  }
  const debut = asDate(row.dateDebut);
  const fin = asDate(row.dateFin);
  if (debut && Number.isNaN(debut.getTime())) errors.push('dateDebut: Une date est attendue');
  if (fin && Number.isNaN(fin.getTime())) errors.push('dateFin: Une date est attendue');
  if (debut && fin && debut > fin) errors.push('dateDebut: la date de début est après la date de fin');
  const axisPath = [row.Axe, row.SousAxe, row.SousSousAxe].filter((a) => !!a).map(String);
  return { titre, sousTitre: sous || null, axisPath, errors };
}

(async () => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(process.argv[3]);
  } catch (e) {
    return { ok: false, error: `ExcelJS : ${e.message}` };
  }
  const ws = workbook.worksheets.find((w) => w.getCell('A2').value === LABELS[0][1]);
  if (!ws) return { ok: false, error: "L'onglet des données n'a pas été trouvé dans le fichier Excel" };
  const header = ws.getRow(2).values;
  header.shift();
  for (let i = 0; i < LABELS.length; i++) {
    const actual = String(header[i] ?? '').trim();
    if (actual !== LABELS[i][1]) {
      const letter = ws.getColumn(i + 1).letter;
      return { ok: false, error: `La colonne ${letter} devrait être "${LABELS[i][1]}" et non "${actual}"` };
    }
  }
  const rows = [];
  ws.eachRow((row, number) => {
    if (number < FIRST_DATA_ROW) return;
    const [, ...data] = row.values;
    const parsed = {};
    LABELS.forEach(([name], i) => { parsed[name] = extractValue(data[i]); });
    rows.push({ number, ...checkRow(parsed), values: parsed });
  });
  const bad = rows.filter((r) => r.errors.length);
  if (bad.length) {
    return { ok: false, error: bad.map((r) => `ligne ${r.number} : ${r.errors.join(', ')}`).join('\n'), rows };
  }
  const key = (titre, path) => [...path, titre].join('::');
  const actions = rows.filter((r) => !r.sousTitre);
  const sousActions = rows.filter((r) => r.sousTitre);
  const keys = new Set(actions.map((r) => key(r.titre, r.axisPath)));
  const orphans = sousActions.filter((r) => !keys.has(key(r.titre, r.axisPath)));
  if (orphans.length) {
    return { ok: false, rows, error: `Sous-action(s) sans action parente trouvée(s) : ${orphans.map((r) => `"${r.sousTitre}"`).join(', ')}` };
  }
  const counts = new Map();
  actions.forEach((r) => counts.set(key(r.titre, r.axisPath), (counts.get(key(r.titre, r.axisPath)) ?? 0) + 1));
  const duplicates = [...counts.entries()].filter(([, n]) => n > 1).map(([k]) => k);
  if (duplicates.length) {
    return { ok: false, rows, error: `Titres d'actions en doublon dans le même axe : ${duplicates.join(', ')}` };
  }
  return { ok: true, actions: actions.length, sousActions: sousActions.length, rows };
})().then((result) => {
  process.stdout.write(JSON.stringify(result, (k, v) => (k === 'values' ? undefined : v)));
});
