// API resources: the APIs your applications request access tokens for (an "API identifier",
// the resource indicator, and its permissions). The management API is built in.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
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
import { isBuiltIn } from './api_resources/built_in.js';
import { openCreateResource } from './api_resources/create_resource_dialog.js';

const PAGE_SIZE = 20;

export default async function apiResources(view, ctx) {
  ctx.setTitle(t('resources.title'));
  const page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  const create = () => openCreateResource({ navigate: ctx.navigate });
  const area = h('div');
  view.append(
    pageHeader(t('resources.title'), {
      subtitle: t('resources.subtitle'),
      actions: [button(t('resources.create'), create, { kind: 'primary' })],
    }),
    area,
  );
  async function load() {
    replace(area, loading());
    let result;
    try {
      result = await get('/resources', { page, page_size: PAGE_SIZE });
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    const list = result.data ?? [];
    const total = result.total ?? list.length;
    // Built-in first, then the operator's own.
    list.sort((a, b) => Number(isBuiltIn(b)) - Number(isBuiltIn(a)));
    const own = list.filter((r) => !isBuiltIn(r));
    const href = (r) => `/console/api-resources/${encodeURIComponent(r.id)}`;
    replace(
      area,
      table(
        [
          { label: t('resources.col.name'), render: (r) => r.name },
          {
            label: t('resources.col.indicator'),
            render: (r) => h('code', { class: 'mono' }, r.indicator),
          },
          {
            label: t('resources.col.ttl'),
            render: (r) => t('resources.ttl_seconds', { n: r.accessTokenTtl }),
          },
          {
            label: h('span', { class: 'sr-only' }, t('resources.default')),
            render: (r) =>
              h(
                'span',
                { class: 'badges' },
                isBuiltIn(r) ? badge(t('resources.builtin'), 'brand') : null,
                r.isDefault ? badge(t('resources.default'), 'ok') : null,
              ),
          },
        ],
        list,
        { href, onOpen: (r) => ctx.navigate(href(r)), caption: t('resources.caption') },
      ),
      total > PAGE_SIZE
        ? pager({
            page,
            pageSize: PAGE_SIZE,
            total,
            go: (p) => ctx.navigate(`/console/api-resources?page=${p}`),
          })
        : null,
      page === 1 && !own.length
        ? h(
            'div',
            { class: 'after-table' },
            emptyState({
              title: t('resources.empty_title'),
              text: t('resources.empty_text'),
              action: button(t('resources.create'), create, { kind: 'primary' }),
            }),
          )
        : null,
    );
  }
  await load();
}
