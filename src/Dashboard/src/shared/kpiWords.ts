// The KPI report's indicators in the pages' words (docs/kpis.md): their Chinese and English names, how each is shown
// and which way is better. The report carries the figures; a name missing here is shown as the API writes it.

export const kpiWords: Record<string, { zh: string; en: string; kind: 'rate' | 'hours' | 'count'; higherIsBetter: boolean }> = {
  griddedOnTime: { zh: '按时立案率', en: 'Gridded on time', kind: 'rate', higherIsBetter: true },
  dispatchedOnTime: { zh: '按时派遣率', en: 'Dispatched on time', kind: 'rate', higherIsBetter: true },
  accurateDispatch: { zh: '准确派遣率', en: 'Accurate dispatch', kind: 'rate', higherIsBetter: true },
  handled: { zh: '处置率', en: 'Handled', kind: 'rate', higherIsBetter: true },
  handledOnTime: { zh: '按期处置率', en: 'Handled on time', kind: 'rate', higherIsBetter: true },
  handledLate: { zh: '超期处置数', en: 'Handled late', kind: 'count', higherIsBetter: false },
  verifiedOnTime: { zh: '按时核查率', en: 'Verified on time', kind: 'rate', higherIsBetter: true },
  closure: { zh: '结案率', en: 'Closure', kind: 'rate', higherIsBetter: true },
  closedOnTime: { zh: '按期结案率', en: 'Closed on time', kind: 'rate', higherIsBetter: true },
  rework: { zh: '返工率', en: 'Rework', kind: 'rate', higherIsBetter: false },
  extension: { zh: '延期率', en: 'Extension', kind: 'rate', higherIsBetter: false },
  handlingHours: { zh: '平均处置时长', en: 'Mean handling hours', kind: 'hours', higherIsBetter: false },
  satisfaction: { zh: '满意率', en: 'Satisfaction', kind: 'rate', higherIsBetter: true },
  supervision: { zh: '督办次数', en: 'Supervisions', kind: 'count', higherIsBetter: false },
  filed: { zh: '立案数', en: 'Filed', kind: 'count', higherIsBetter: true },
  accurateFiling: { zh: '准确立案率', en: 'Accurate filing', kind: 'rate', higherIsBetter: true },
  validReports: { zh: '有效上报率', en: 'Valid reports', kind: 'rate', higherIsBetter: true },
  composite: { zh: '综合指标值', en: 'Composite', kind: 'count', higherIsBetter: true },
};
