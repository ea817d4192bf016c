// Users: a searchable, paged list of the end users of this Latch, with "Add user" (a modal that
// can generate a strong password and hands it over once). The search and the page live in the
// URL (?search=&page=), so reload, back and shared links show the same list.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { button, errorState, loading, pageHeader, pager, textInput } from '../lib/ui.js';
import { openAddUser } from './users/add_user_dialog.js';
import { noUsers, userHref, userTable } from './users/user_table.js';

const PAGE_SIZE = 20;

function urlFor(search, page) {
  const q = new URLSearchParams();
  if (search) q.set('search', search);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return `/console/users${text ? `?${text}` : ''}`;
}

export default async function users(view, ctx) {
  ctx.setTitle(t('users.title'));
  let search = ctx.query.get('search') ?? '';
  let page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  const area = h('div', { class: 'users-area' });
  const searchInput = textInput({
    type: 'search',
    name: 'search',
    value: search,
    placeholder: t('users.search'),
    'aria-label': t('users.search_label'),
  });
  const add = () => openAddUser({ navigate: ctx.navigate });
  view.append(
    pageHeader(t('users.title'), {
      subtitle: t('users.subtitle'),
      actions: [button(t('users.add'), add, { kind: 'primary' })],
    }),
    h('div', { class: 'toolbar', role: 'search' }, searchInput),
    area,
  );

  function clearSearch() {
    searchInput.value = '';
    setSearch('');
    searchInput.focus();
  }

  function draw(list, total) {
    if (!list.length) {
      replace(area, noUsers({ search, onClear: clearSearch, onAdd: add }));
      return;
    }
    const go = (p) => ctx.navigate(urlFor(search, p));
    replace(
      area,
      userTable(list, { onOpen: (u) => ctx.navigate(userHref(u)) }),
      total > PAGE_SIZE ? pager({ page, pageSize: PAGE_SIZE, total, go }) : null,
    );
  }

  // Only the latest request draws; a page past the end (after deletions) moves to the last one.
  let seq = 0;
  async function load() {
    const mine = ++seq;
    replace(area, loading());
    let result;
    try {
      result = await get('/users', { search, page, page_size: PAGE_SIZE });
    } catch (error) {
      if (mine === seq) replace(area, errorState(error, load));
      return;
    }
    if (mine !== seq) return;
    const list = result.data ?? [];
    const total = result.total ?? list.length;
    if (!list.length && page > 1 && total > 0) {
      page = Math.max(1, Math.ceil(total / PAGE_SIZE));
      history.replaceState(null, '', urlFor(search, page));
      load();
      return;
    }
    draw(list, total);
  }

  function setSearch(value) {
    if (value === search) return;
    search = value;
    page = 1;
    history.replaceState(null, '', urlFor(search, page));
    load();
  }

  // Typing searches after a pause; Enter searches at once.
  let timer = null;
  searchInput.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => setSearch(searchInput.value.trim()), 300);
  });
  searchInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      clearTimeout(timer);
      setSearch(searchInput.value.trim());
    }
  });

  await load();
  return () => clearTimeout(timer);
}
