// Roles: a searchable, paged list of the roles (User and Machine-to-machine) with who holds each,
// and "Create role". The search and the page live in the URL (?search=&page=).
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { button, errorState, loading, pageHeader, pager, textInput, toast } from '../lib/ui.js';
import { openCreateRole } from './roles/create_role_dialog.js';
import { roleHref } from './roles/role_kinds.js';
import { noRoles, roleTable } from './roles/role_table.js';

const PAGE_SIZE = 20;

function urlFor(search, page) {
  const q = new URLSearchParams();
  if (search) q.set('search', search);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return `/console/roles${text ? `?${text}` : ''}`;
}

export default async function roles(view, ctx) {
  ctx.setTitle(t('roles.title'));
  let search = ctx.query.get('search') ?? '';
  let page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  const area = h('div');
  const searchInput = textInput({
    type: 'search',
    value: search,
    placeholder: t('roles.search'),
    'aria-label': t('roles.search'),
  });
  const create = () =>
    openCreateRole((role) => {
      toast(t('roles.created', { name: role.name }));
      ctx.navigate(roleHref(role));
    });
  view.append(
    pageHeader(t('roles.title'), {
      subtitle: t('roles.subtitle'),
      actions: [button(t('roles.create'), create, { kind: 'primary' })],
    }),
    h('div', { class: 'toolbar', role: 'search' }, searchInput),
    area,
  );

  function setSearch(value) {
    if (value === search) return;
    search = value;
    page = 1;
    history.replaceState(null, '', urlFor(search, page));
    load();
  }
  const clear = () => {
    searchInput.value = '';
    setSearch('');
    searchInput.focus();
  };

  let seq = 0;
  async function load() {
    const mine = ++seq;
    replace(area, loading());
    let result;
    try {
      result = await get('/roles', { search, page, page_size: PAGE_SIZE });
    } catch (error) {
      if (mine === seq) replace(area, errorState(error, load));
      return;
    }
    if (mine !== seq) return;
    const list = result.data ?? [];
    const total = result.total ?? list.length;
    if (!list.length) {
      replace(area, noRoles({ search, onClear: clear, onCreate: create }));
      return;
    }
    const go = (p) => ctx.navigate(urlFor(search, p));
    replace(
      area,
      roleTable(list, { onOpen: (r) => ctx.navigate(roleHref(r)) }),
      total > PAGE_SIZE ? pager({ page, pageSize: PAGE_SIZE, total, go }) : null,
    );
  }

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
