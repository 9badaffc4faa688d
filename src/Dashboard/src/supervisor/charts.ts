// The page's charts, drawn with Apache ECharts (only the parts used are imported, to keep the bundle small): a
// tile's sparkline by day, the rates by day as lines, and one indicator of the report's rows as bars. They draw
// the figures the server gave; a day without a figure is a gap, never a zero.

import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

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
