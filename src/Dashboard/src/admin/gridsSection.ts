// 网格: choose a GeoJSON file, have the server check it (POST /api/admin/grids/preview: its problems by feature and
// grid id, the counts per level), see its polygons on a small map, and replace the hierarchy with it only when the
// server accepted it (POST /api/grids/import). The current hierarchy downloads as GeoJSON.

import { api, ApiError } from '../shared/api';
import type { GridPreview, GridProblem } from './adminWire';
import { download } from '../shared/download';
import { messageOf, say } from '../shared/fieldErrors';
import { drawableOf, GridPreviewMap } from './gridPreviewMap';
import type { Section } from './section';
import { h } from '../shared/words';

const levelWords = ['全市 City', '一级 镇/街道', '二级 村/社区', '三级 片区'];

/** `imported` hears a replaced hierarchy (the city's root grid may have changed). */
export function gridsSection(imported: () => void = () => undefined): Section {
  const file = h('input.grids-file', { type: 'file', name: 'geojson', accept: '.geojson,.json,application/geo+json,application/json' });
  const apply = h('button.primary.grids-apply', { type: 'button', disabled: true }, '替换网格 ', h('small', {}, 'Replace the grids'));
  const exportButton = h('button.grids-export', { type: 'button' }, '导出当前网格 ', h('small', {}, 'Export GeoJSON'));
  const status = h('div.form-message.grids-status', { role: 'status' });
  const report = h('div.grids-report');
  const mapHost = h('div.preview-map');
  const map = new GridPreviewMap(mapHost);
  let text: string | null = null;

  const drawReport = (preview: GridPreview) => {
    const levels = (preview.levels ?? []).map(l => [String(l.level), l.grids] as const);
    report.replaceChildren(
      h('div.verdict', { dataset: { accepted: String(preview.accepted) } },
        preview.accepted ? '✓ 校验通过 ' : '✗ 校验未通过 ', h('small', {}, preview.accepted ? 'Accepted' : 'Refused'),
        h('span.grid-count', {}, ` · 网格 ${preview.gridCount} `, h('small', {}, 'grids'))),
      h('table.levels', {},
        h('thead', {}, h('tr', {}, h('th', {}, '层级 Level'), h('th', {}, '网格数 Grids'))),
        h('tbody', {}, ...levels.map(([level, count]) => h('tr', { dataset: { level } },
          h('td', {}, levelWords[Number(level)] ?? `${level}级`), h('td.num', {}, String(count)))))),
      problemsTable(preview.problems ?? []));
  };

  const preview = async () => {
    const chosen = file.files?.[0];
    apply.disabled = true;
    report.replaceChildren();
    if (!chosen) return;
    say(status, `校验中 Checking ${chosen.name}…`);
    text = await chosen.text();
    const drawable = drawableOf(text);
    if (drawable) void map.draw(drawable);
    try {
      const answer = await api<GridPreview>('/api/admin/grids/preview', { method: 'POST', raw: text, contentType: 'application/geo+json' });
      drawReport(answer);
      if (drawable) void map.draw(drawable, (answer.problems ?? []).map(p => p.featureIndex));
      apply.disabled = !answer.accepted;
      say(status, answer.accepted ? `${chosen.name}：可以替换 · Ready to replace` : `${chosen.name}：请按下列问题修改文件 · Fix the problems below`, answer.accepted ? 'green' : 'red');
    } catch (e) {
      say(status, messageOf(e), 'red');
    }
  };
  file.addEventListener('change', () => void preview());

  apply.addEventListener('click', () => void (async () => {
    if (!text) return;
    apply.disabled = true;
    say(status, '替换中 Replacing…');
    try {
      const answer = await api<GridPreview>('/api/grids/import', { method: 'POST', raw: text, contentType: 'application/geo+json' });
      say(status, `已替换：网格 ${answer?.gridCount ?? ''} · The hierarchy was replaced.`, 'green');
      imported();
    } catch (e) {
      // A refusal carries the problems as the preview does.
      const problems = e instanceof ApiError ? e.problem?.problems as GridProblem[] | undefined : undefined;
      if (problems) report.append(problemsTable(problems));
      say(status, messageOf(e), 'red');
    }
  })());

  exportButton.addEventListener('click', () => void download('/api/admin/grids/export', 'grids.geojson')
    .then(name => say(status, `已导出 ${name} · Exported`, 'green'))
    .catch(e => say(status, messageOf(e), 'red')));

  return {
    id: 'grids', zh: '网格', en: 'Grids',
    element: h('section.admin-section.grids', {},
      h('header.section-head', {}, h('h2', {}, '网格 ', h('small', {}, 'Grid hierarchy (GeoJSON)')), exportButton),
      h('p.note', {}, '选择网格 GeoJSON 文件：先由服务器校验，通过后方可替换现有网格。 ',
        h('small', {}, 'The file is checked by the server first; it replaces the hierarchy only when accepted.')),
      h('div.toolbar', {}, h('label.file-pick', {}, h('span', {}, '选择文件 ', h('small', {}, 'Choose a file')), file), apply),
      status,
      h('div.grids-layout', {}, report, h('div.map-frame', {}, mapHost, h('div.map-legend', {},
        h('span', {}, h('i', { style: 'background:#e6f1ff' }), '全市'), h('span', {}, h('i', { style: 'background:#4fc3f7' }), '一级'),
        h('span', {}, h('i', { style: 'background:#2f9e7a' }), '二级'), h('span', {}, h('i', { style: 'background:#8a6a2a' }), '三级'),
        h('span', {}, h('i', { style: 'background:#b3261e;height:0.7rem' }), '有问题 Problem'))))),
    async show() { /* Nothing to read until a file is chosen. */ },
  };
}

function problemsTable(problems: GridProblem[]): HTMLElement {
  if (!problems.length) return h('p.empty.grid-problems', {}, '没有发现问题 · No problems');
  return h('table.grid-problems', {},
    h('caption', {}, `问题 ${problems.length} `, h('small', {}, 'Problems')),
    h('thead', {}, h('tr', {}, h('th', {}, '要素 Feature #'), h('th', {}, '网格编号 Grid id'), h('th', {}, '问题 Problem'))),
    h('tbody', {}, ...problems.map(p => h('tr', { dataset: { feature: String(p.featureIndex), grid: p.gridId ?? '' } },
      h('td.num', {}, String(p.featureIndex)), h('td', {}, p.gridId ?? '—'), h('td', {}, p.problem)))));
}
