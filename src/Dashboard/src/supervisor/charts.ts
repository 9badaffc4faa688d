// The page's charts, drawn with Apache ECharts (only the parts used are imported, to keep the bundle small): a
// tile's sparkline by day, the rates by day as lines, and one indicator of the report's rows as bars. They draw
// the figures the server gave; a day without a figure is a gap, never a zero.

import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const ink = '#e6f1ff';
const muted = '#8aa4c2';
const edge = 'rgba(79, 195, 247, 0.18)';
export const palette = ['#4fc3f7', '#34d399', '#ffb020', '#f472b6', '#a78bfa', '#ff4d4f', '#22d3ee', '#facc15', '#fb923c'];

/** One chart per host, made on first draw and resized with its host. */
function chartIn(host: HTMLElement): echarts.ECharts {
  const existing = echarts.getInstanceByDom(host);
  if (existing) return existing;
  const chart = echarts.init(host, null, { renderer: 'canvas' });
  new ResizeObserver(() => chart.resize()).observe(host);
  return chart;
}

/** A small line of a figure by day, no axes: the shape of the period at a glance. */
export function drawSparkline(host: HTMLElement, values: (number | null)[], colour = '#4fc3f7'): void {
  chartIn(host).setOption({
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: 'category', show: false, boundaryGap: false, data: values.map((_, i) => i) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{
      type: 'line', data: values, showSymbol: values.length <= 1, symbolSize: 4, connectNulls: false, smooth: false,
      lineStyle: { width: 1.5, color: colour }, itemStyle: { color: colour },
      areaStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [{ offset: 0, color: `${colour}55` }, { offset: 1, color: `${colour}00` }]) },
    }],
  }, true);
}

export interface DailySeries {
  name: string;
  label: string;
  /** Rates in parts of one, by day; null where the day had none. */
  values: (number | null)[];
  shown: boolean;
}

/** The rates by day, one line each; the legend turns lines on and off. */
export function drawDailyRates(host: HTMLElement, days: string[], series: DailySeries[]): void {
  chartIn(host).setOption({
    animation: false,
    color: palette,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => typeof v === 'number' ? `${v.toFixed(1)}%` : '—' },
    legend: {
      // One scrolling row: a legend of every rate never runs into the plot.
      type: 'scroll', top: 0, textStyle: { color: muted }, inactiveColor: '#3b4d63', pageTextStyle: { color: muted },
      selected: Object.fromEntries(series.map(s => [s.label, s.shown])),
    },
    grid: { left: 44, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: days.map(d => d.slice(5)), axisLine: { lineStyle: { color: edge } }, axisLabel: { color: muted } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: muted, formatter: '{value}%' }, splitLine: { lineStyle: { color: edge } } },
    series: series.map(s => ({
      name: s.label, type: 'line', connectNulls: false, showSymbol: true, symbolSize: 5,
      data: s.values.map(v => (v === null ? null : Math.round(v * 1000) / 10)),
    })),
  }, true);
}

export interface Bar {
  key: string;
  label: string;
  value: number | null;
  text: string;
}

/** One indicator of the report's rows as bars; a click on a bar says which row. */
export function drawRowBars(host: HTMLElement, bars: Bar[], percent: boolean, clicked: (key: string) => void): void {
  const chart = chartIn(host);
  chart.off('click');
  chart.on('click', params => { const key = bars[params.dataIndex]?.key; if (key) clicked(key); });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (items: unknown) => {
      const first = (items as { dataIndex: number }[])[0];
      const bar = first ? bars[first.dataIndex] : undefined;
      return bar ? `${bar.label}<br/>${bar.text}` : '';
    } },
    grid: { left: 44, right: 12, top: 16, bottom: 56 },
    xAxis: {
      type: 'category', data: bars.map(b => b.label),
      axisLine: { lineStyle: { color: edge } }, axisLabel: { color: ink, rotate: bars.length > 6 ? 35 : 0, interval: 0 },
    },
    yAxis: {
      type: 'value', ...(percent ? { min: 0, max: 100 } : {}),
      axisLabel: { color: muted, formatter: percent ? '{value}%' : '{value}' }, splitLine: { lineStyle: { color: edge } },
    },
    series: [{
      type: 'bar', barMaxWidth: 28, cursor: 'pointer',
      data: bars.map(b => (b.value === null ? null : percent ? Math.round(b.value * 1000) / 10 : b.value)),
      itemStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [{ offset: 0, color: '#4fc3f7' }, { offset: 1, color: '#0369a1' }]) },
      label: { show: true, position: 'top', color: ink, fontSize: 11, formatter: (p: { dataIndex: number }) => bars[p.dataIndex]?.text ?? '' },
    }],
  }, true);
}

/** A count per named key, largest first: the top categories as horizontal bars. */
export function drawTopCounts(host: HTMLElement, rows: { name: string; count: number }[], top = 10): void {
  const shown = rows.slice(0, top).reverse();
  chartIn(host).setOption({
    animation: false, color: palette,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 28, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: muted }, splitLine: { lineStyle: { color: edge } } },
    yAxis: { type: 'category', data: shown.map(r => r.name), axisLabel: { color: ink }, axisLine: { lineStyle: { color: edge } } },
    series: [{ type: 'bar', data: shown.map(r => r.count), barMaxWidth: 16, label: { show: true, position: 'right', color: muted } }],
  }, true);
}

/** Shares of a whole: the reports by channel as a ring. */
export function drawShares(host: HTMLElement, rows: { name: string; count: number }[]): void {
  chartIn(host).setOption({
    animation: false, color: palette,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0, textStyle: { color: muted }, pageTextStyle: { color: muted } },
    series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '44%'], data: rows.map(r => ({ name: r.name, value: r.count })),
      label: { color: ink, formatter: '{b} {d}%' } }],
  }, true);
}

/** The reports by hour of the day (the city's hours). */
export function drawHours(host: HTMLElement, counts: number[]): void {
  chartIn(host).setOption({
    animation: false, color: ['#22d3ee'],
    tooltip: { trigger: 'axis' },
    grid: { left: 36, right: 8, top: 12, bottom: 24 },
    xAxis: { type: 'category', data: counts.map((_, h) => `${h}时`), axisLabel: { color: muted, interval: 2 }, axisLine: { lineStyle: { color: edge } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: muted }, splitLine: { lineStyle: { color: edge } } },
    series: [{ type: 'bar', data: counts, barMaxWidth: 14 }],
  }, true);
}

/** The open cases of each grid at the end of every day: one line per grid. */
export function drawBacklog(host: HTMLElement, days: string[], grids: { name: string; open: (number | null)[] }[]): void {
  chartIn(host).setOption({
    animation: false, color: palette,
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0, textStyle: { color: muted }, pageTextStyle: { color: muted } },
    grid: { left: 36, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: days.map(d => d.slice(5)), axisLabel: { color: muted }, axisLine: { lineStyle: { color: edge } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: muted }, splitLine: { lineStyle: { color: edge } } },
    series: grids.map(g => ({ type: 'line', name: g.name, data: g.open, showSymbol: days.length <= 2, connectNulls: false })),
  }, true);
}
