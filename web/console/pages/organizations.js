// Organizations (Users): a searchable, paged list of the organizations with their members (a
// count and up to three of them), and "Create organization". The search and the page live in
// the URL (?search=&page=).
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { button, errorState, loading, pageHeader, pager, textInput, toast } from '../lib/ui.js';
import { openCreateOrganization } from './organizations/create_dialog.js';
import { noOrganizations, orgTable } from './organizations/org_table.js';
import { orgHref } from './organizations/org_kinds.js';

const PAGE_SIZE = 20;

function urlFor(search, page) {
  const q = new URLSearchParams();
  if (search) q.set('search', search);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return `/console/organizations${text ? `?${text}` : ''}`;
}

export default async function organizations(view, ctx) {
  ctx.setTitle(t('orgs.title'));
  let search = ctx.query.get('search') ?? '';
  const page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  const area = h('div');
  const searchInput = textInput({
    type: 'search',
    value: search,
    placeholder: t('orgs.search'),
    'aria-label': t('orgs.search'),
  });
  const create = () =>
    openCreateOrganization((org) => {
      toast(t('orgs.created', { name: org.name }));
      ctx.navigate(orgHref(org));
    });
  view.append(
    pageHeader(t('orgs.title'), {
      subtitle: t('orgs.subtitle'),
      actions: [button(t('orgs.create'), create, { kind: 'primary' })],
    }),
    h('div', { class: 'toolbar', role: 'search' }, searchInput),
    area,
  );

  let seq = 0;
  async function load(p = page) {
    const mine = ++seq;
    replace(area, loading());
    let result;
    try {
      const query = { q: search, page: p, page_size: PAGE_SIZE, showFeatured: 'true' };
      result = await get('/organizations', query);
    } catch (error) {
      if (mine === seq)
        replace(
          area,
          errorState(error, () => load(p)),
        );
      return;
    }
    if (mine !== seq) return;
    const list = result.data ?? [];
    const total = result.total ?? list.length;
    if (!list.length) {
      const clear = () => {
        searchInput.value = '';
        setSearch('');
        searchInput.focus();
      };
      replace(area, noOrganizations({ search, onClear: clear, onCreate: create }));
      return;
    }
    const go = (next) => ctx.navigate(urlFor(search, next));
    replace(
      area,
      orgTable(list, { onOpen: (o) => ctx.navigate(orgHref(o)) }),
      total > PAGE_SIZE ? pager({ page: p, pageSize: PAGE_SIZE, total, go }) : null,
    );
  }
  function setSearch(value) {
    if (value === search) return;
    search = value;
    history.replaceState(null, '', urlFor(search, 1));
    load(1);
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
