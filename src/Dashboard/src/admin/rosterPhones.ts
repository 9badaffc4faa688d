// A member's phone is not in the member views, and editing a member sends the whole row (an empty phone clears it),
// so the edit form starts from the roster's own export (GET /api/admin/roster/export?format=csv, the import's
// columns): its 编号/id and 电话/phone columns, read here.

const formulaStarts = ['=', '+', '-', '@'];

/** The rows of a CSV text (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes; a BOM ignored). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The export escapes text that starts like a formula with a leading ' (RosterSheet.WriteCsv); read it back. */
const unescaped = (cell: string) => (cell.length > 1 && cell[0] === '\'' && formulaStarts.includes(cell[1]) ? cell.slice(1) : cell);

/** Member id → phone, from the roster export; an empty map when the columns are not there. */
export function phonesOf(csv: string): Map<string, string> {
  const [header = [], ...rows] = csvRows(csv);
  const column = (...names: string[]) => header.findIndex(h => names.includes(h.trim().toLowerCase()));
  const id = column('编号', 'id');
  const phone = column('电话', 'phone');
  const phones = new Map<string, string>();
  if (id < 0 || phone < 0) return phones;
  for (const row of rows) if (row[id]) phones.set(unescaped(row[id].trim()), unescaped((row[phone] ?? '').trim()));
  return phones;
}
