// Users: a searchable, paged list of the end users of this Latch, with "Add user" (a modal that
// can generate a strong password and hands it over once). The search and the page live in the
// URL (?search=&page=), so reload, back and shared links show the same list.
import { html, render, useEffect, useRef, useState } from '../lib/view.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { Button, ErrorState, Loading, PageHeader, Pager } from '../components/view_kit.js';
import { openAddUser } from './users/add_user_dialog.js';
import { NoUsers, UserTable, userHref } from './users/user_table.js';

const PAGE_SIZE = 20;

function urlFor(search, page) {
  const q = new URLSearchParams();
  if (search) q.set('search', search);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return `/console/users${text ? `?${text}` : ''}`;
}

// The users of `search` and `page`: { list, total } once loaded, { error } when it failed.
// A page past the end (after deletions) moves to the last one.
function useUsers(search, page, setPage) {
  const [result, setResult] = useState(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setResult(null);
    get('/users', { search, page, page_size: PAGE_SIZE }).then(
      ({ data, total }) => {
        if (!current) return;
        const list = data ?? [];
        const all = total ?? list.length;
        if (!list.length && page > 1 && all > 0) setPage(Math.ceil(all / PAGE_SIZE));
        else setResult({ list, total: all });
      },
      (error) => current && setResult({ error }),
    );
    return () => {
      current = false;
    };
  }, [search, page, attempt]);
  return [result, () => setAttempt(attempt + 1)];
}

function UsersPage({ ctx }) {
  const [search, setSearch] = useState(ctx.query.get('search') ?? '');
  const [page, setPage] = useState(
    Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1),
  );
  const [result, retry] = useUsers(search, page, setPage);
  const input = useRef();
  const timer = useRef();
  useEffect(() => history.replaceState(null, '', urlFor(search, page)), [search, page]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const searchNow = (value) => {
    clearTimeout(timer.current);
    if (value === search) return;
    setSearch(value);
    setPage(1);
  };
  // Typing searches after a pause; Enter searches at once.
  const typed = (e) => {
    const value = e.currentTarget.value.trim();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => searchNow(value), 300);
  };
  const entered = (e) => e.key === 'Enter' && searchNow(e.currentTarget.value.trim());
  const clear = () => {
    input.current.value = '';
    searchNow('');
    input.current.focus();
  };
  const add = () => openAddUser({ navigate: ctx.navigate });
  return html`<${PageHeader}
      title=${t('users.title')}
      subtitle=${t('users.subtitle')}
      actions=${html`<${Button} kind="primary" onClick=${add}>${t('users.add')}<//>`}
    />
    <div class="toolbar" role="search">
      <input
        ref=${input}
        class="input"
        type="search"
        name="search"
        autocomplete="off"
        defaultValue=${search}
        placeholder=${t('users.search')}
        aria-label=${t('users.search_label')}
        onInput=${typed}
        onKeyDown=${entered}
      />
    </div>
    <div class="users-area">
      ${!result && html`<${Loading} />`}
      ${result?.error && html`<${ErrorState} error=${result.error} retry=${retry} />`}
      ${result?.list?.length === 0 && html`<${NoUsers} search=${search} onClear=${clear} onAdd=${add} />`}
      ${
        result?.list?.length > 0 &&
        html`<${UserTable} users=${result.list} onOpen=${(u) => ctx.navigate(userHref(u))} /> ${
            result.total > PAGE_SIZE &&
            html`<${Pager}
              page=${page}
              pageSize=${PAGE_SIZE}
              total=${result.total}
              go=${(p) => ctx.navigate(urlFor(search, p))}
            />`
          }`
      }
    </div>`;
}

export default async function users(view, ctx) {
  ctx.setTitle(t('users.title'));
  render(html`<${UsersPage} ctx=${ctx} />`, view);
  return () => render(null, view);
}
