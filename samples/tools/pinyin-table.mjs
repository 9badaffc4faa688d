// Regenerates src/Grains/Places/pinyin.tsv, the toneless readings of the GB2312 characters, from the
// pinyin-pro dictionary: npm install pinyin-pro@3.29.4 in a scratch folder, then node samples/tools/pinyin-table.mjs <out>.
import { pinyin } from 'pinyin-pro';
const dec = new TextDecoder('gb18030');
const lines = [];
for (let hi = 0xB0; hi <= 0xF7; hi++) for (let lo = 0xA1; lo <= 0xFE; lo++) {
  const ch = dec.decode(new Uint8Array([hi, lo]));
  if (ch.length !== 1 || ch === '\uFFFD') continue;
  const all = pinyin(ch, { toneType: 'none', multiple: true, type: 'array', v: true });
  const readings = [...new Set(all.map(s => s.toLowerCase()).filter(s => /^[a-z]+$/.test(s)))];
  if (readings.length) lines.push(ch + '\t' + readings.join(' '));
}
console.log(lines.length);
import { writeFileSync } from 'fs';
writeFileSync(process.argv[2] ?? "src/Grains/Places/pinyin.tsv", '# character<TAB>readings (most common first), toneless, ü as v; GB2312 characters\n' + lines.join('\n') + '\n');
