// A searchable, paged table inside a card: the search box, the table (or `empty()` when there is
// no row), Previous/Next past one page. `fetch({ search, page, page_size })` resolves with the
// API's { data, total }. Returns { el: [toolbar, area], load(first) } (load(true) goes back to
// page 1); a page left empty by a removal moves to the last page.
import { h, replace } from '../lib/dom.js';
import { errorState, loading, pager, table, textInput } from '../lib/ui.js';

const PAGE_SIZE = 20;

export function pagedTable({ fetch, columns, empty, caption, searchLabel }) {
  const area = h('div', {}, loading());
  const input = textInput({ type: 'search', 'aria-label': searchLabel, placeholder: searchLabel });
  let page = 1;

  async function load(first = false) {
    if (first) page = 1;
    let result;
    try {
      result = await fetch({ search: input.value.trim(), page, page_size: PAGE_SIZE });
    } catch (error) {
      replace(
        area,
        errorState(error, () => load()),
      );
      return;
    }
    const list = result.data ?? [];
    const total = result.total ?? list.length;
    if (!list.length && page > 1 && total > 0) {
      page = Math.max(1, Math.ceil(total / PAGE_SIZE));
      await load();
      return;
    }
    if (!list.length) {
      replace(area, empty());
      return;
    }
    const go = (p) => {
      page = p;
      load();
    };
    replace(
      area,
      table(columns, list, { caption }),
      total > PAGE_SIZE ? pager({ page, pageSize: PAGE_SIZE, total, go }) : null,
    );
  }

  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(true), 300);
  });
  return { el: [h('div', { class: 'toolbar', role: 'search' }, input), area], load };
}
