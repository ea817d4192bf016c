// Applications: the paged list of this Latch's applications (OAuth clients) with the "Create
// application" modal. /console/applications/create opens the modal on load (?type=Traditional
// ticks that type's filter), so the modal can be linked to.
import { h, replace } from '../lib/dom.js';
import { formatTime, t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import {
  badge,
  button,
  emptyState,
  errorState,
  loading,
  pageHeader,
  pager,
  table,
} from '../lib/ui.js';
import { appTypes } from '../guides/frameworks.js';
import { CONSOLE_APP_ID, isBuiltin, typeLabel } from './applications/app_kinds.js';
import { openCreateApplication } from './applications/create_dialog.js';

const pageSize = 20;

export default async function applications(view, ctx) {
  ctx.setTitle(t('apps.title'));
  const page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  const open = () => openCreateApplication({ navigate: ctx.navigate });
  const createButton = () => button(t('apps.create'), open, { kind: 'primary' });
  const body = h('div', {}, loading());
  view.append(
    pageHeader(t('apps.title'), { subtitle: t('apps.subtitle'), actions: [createButton()] }),
    body,
  );

  // /console/applications/create: the modal over the list; closing it leaves the list's URL.
  if (window.location.pathname.replace(/\/$/, '').endsWith('/applications/create')) {
    const type = ctx.query.get('type');
    openCreateApplication({
      navigate: ctx.navigate,
      type: appTypes.includes(type) ? type : undefined,
      onClose: () => {
        if (window.location.pathname.replace(/\/$/, '').endsWith('/applications/create')) {
          history.replaceState(null, '', '/console/applications');
        }
      },
    });
  }

  const detailsHref = (app) => `/console/applications/${encodeURIComponent(app.id)}`;
  const columns = [
    {
      label: t('apps.col.name'),
      render: (app) => app.name,
    },
    {
      label: t('apps.col.app_id'),
      render: (app) => h('span', { class: 'mono app-id' }, app.id),
    },
    { label: t('apps.col.type'), render: (app) => typeLabel(app.type) },
    { label: t('apps.col.created'), class: 'nowrap', render: (app) => formatTime(app.createdAt) },
  ];

  // The name cell: the link (table's href wraps the first cell), then the badge and description.
  function decorate(tableEl, apps) {
    tableEl.querySelectorAll('tbody tr').forEach((tr, i) => {
      const app = apps[i];
      const cell = tr.firstElementChild;
      cell.classList.add('app-name-cell');
      if (isBuiltin(app.id)) {
        cell.append(' ', badge(t('apps.builtin'), 'brand'));
      }
      const description = app.id === CONSOLE_APP_ID ? t('apps.builtin_desc') : app.description;
      if (description) cell.append(h('span', { class: 'app-desc' }, description));
    });
    return tableEl;
  }

  function appTable(apps) {
    return decorate(
      table(columns, apps, {
        href: detailsHref,
        onOpen: (app) => ctx.navigate(detailsHref(app)),
        caption: t('apps.caption'),
      }),
      apps,
    );
  }

  async function load() {
    replace(body, loading());
    let result;
    try {
      result = await get('/applications', { page, page_size: pageSize });
    } catch (error) {
      replace(body, errorState(error, load));
      return;
    }
    const apps = result.data ?? [];
    const total = result.total ?? apps.length;
    if (page > 1 && apps.length === 0 && total > 0) {
      ctx.navigate('/console/applications', { replace: true });
      return;
    }
    const own = apps.filter((app) => !isBuiltin(app.id));
    if (page === 1 && own.length === 0 && total <= apps.length) {
      replace(
        body,
        emptyState({
          title: t('apps.empty_title'),
          text: t('apps.empty_text'),
          action: createButton(),
        }),
        apps.length ? h('h2', { class: 'section-gap' }, t('apps.builtin_section')) : null,
        apps.length ? appTable(apps) : null,
      );
      return;
    }
    replace(
      body,
      appTable(apps),
      pager({
        page,
        pageSize,
        total,
        go: (n) =>
          ctx.navigate(n > 1 ? `/console/applications?page=${n}` : '/console/applications'),
      }),
    );
  }

  await load();
}
