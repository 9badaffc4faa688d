// 双随机一公开: reads the anonymous feed GET /api/public/inspections and draws one card per town. No sign-in, no inline script.
(() => {
  const month = document.getElementById('month');
  const town = document.getElementById('town');
  const status = document.getElementById('status');
  const list = document.getElementById('towns');
  const params = new URLSearchParams(location.search);

  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };

  // The whole city's month is read once; the town list filters it here.
  let feed = null;
  const show = () => {
    if (!feed) return;
    month.value = feed.month;
    if (town.options.length === 1) {
      for (const t of feed.towns) town.append(new Option(t.townName, t.townId));
      town.value = params.get('town') ?? '';
    }
    list.replaceChildren();
    for (const t of feed.towns.filter((t) => !town.value || t.townId === town.value)) {
      const card = el('section');
      card.append(el('h2', t.townName));
      const counts = el('div', undefined, 'counts');
      for (const [word, n] of [['抽取', t.drawn], ['已查', t.checked], ['合格', t.passed], ['不合格', t.failed]]) {
        counts.append(`${word} `, el('b', n), '　');
      }
      card.append(counts);
      if (t.results.length === 0) card.append(el('div', '本月暂无抽查结果', 'empty'));
      else {
        const table = el('table');
        const head = el('tr');
        for (const h of ['案件编号', '类别', '抽查日期', '结果']) head.append(el('th', h));
        table.append(head);
        for (const r of t.results) {
          const row = el('tr');
          row.append(el('td', r.caseNumber), el('td', r.categoryName ?? r.category), el('td', r.checkedOn),
            el('td', r.passed ? '合格' : '不合格', r.passed ? 'pass' : 'fail'));
          table.append(row);
        }
        card.append(table);
      }
      list.append(card);
    }
    status.textContent = '';
  };

  const load = async () => {
    const query = new URLSearchParams();
    if (month.value) query.set('month', month.value);
    const shown = new URLSearchParams(query);
    if (town.value) shown.set('town', town.value);
    history.replaceState(null, '', shown.size ? `?${shown}` : location.pathname);
    status.textContent = '加载中…';
    try {
      const answer = await fetch(`/api/public/inspections?${query}`);
      if (!answer.ok) {
        const problem = await answer.json().catch(() => ({}));
        status.textContent = problem.detail ?? `无法加载（${answer.status}）`;
        return;
      }
      feed = await answer.json();
      show();
    } catch {
      status.textContent = '网络不可用，请稍后再试';
    }
  };

  if (params.get('month')) month.value = params.get('month');
  month.addEventListener('change', load);
  town.addEventListener('change', () => {
    const shown = new URLSearchParams(location.search);
    if (town.value) shown.set('town', town.value); else shown.delete('town');
    history.replaceState(null, '', shown.size ? `?${shown}` : location.pathname);
    show();
  });
  load();
})();
