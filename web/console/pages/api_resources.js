// API resources: the APIs your applications request access tokens for (an "API identifier",
// the resource indicator, and its permissions). The management API is built in.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get, post } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
import {
  badge,
  button,
  emptyState,
  errorState,
  field,
  loading,
  modal,
  pageHeader,
  pager,
  showSaveError,
  table,
  textInput,
  toast,
} from '../lib/ui.js';

const PAGE_SIZE = 20;
export const BUILT_IN = new Set(['management-api', 'logto-management-api']);
export const isBuiltIn = (resource) => BUILT_IN.has(resource.id);

export function openCreateResource({ navigate }) {
  const name = field(
    t('resources.create.name'),
    textInput({
      name: 'name',
      placeholder: t('resources.create.name_placeholder'),
      autofocus: true,
      maxlength: '256',
    }),
    { required: true },
  );
  const indicator = field(
    t('resources.create.indicator'),
    textInput({
      name: 'indicator',
      type: 'url',
      placeholder: 'https://api.example.com',
      class: 'input mono',
    }),
    { required: true, hint: t('resources.create.indicator_hint') },
  );
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('resources.create.submit'), null, { kind: 'primary', type: 'submit' });
  const form = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        formError.hidden = true;
        name.setError('');
        indicator.setError('');
        const body = { name: name.input.value.trim(), indicator: indicator.input.value.trim() };
        let bad = null;
        if (!body.indicator) {
          indicator.setError(t('ui.required'));
          bad = indicator;
        }
        if (!body.name) {
          name.setError(t('ui.required'));
          bad = name;
        }
        if (bad) {
          bad.input.focus();
          return;
        }
        submit.disabled = true;
        try {
          const { data } = await post('/resources', body);
          m.close();
          toast(t('resources.created', { name: data.name }));
          navigate(`/console/api-resources/${encodeURIComponent(data.id)}`);
        } catch (error) {
          showSaveError(error, fieldFor(error, { name, indicator }), formError);
        } finally {
          submit.disabled = false;
        }
      },
    },
    name,
    indicator,
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('resources.create.title'), content: form });
  name.input.focus();
  return m;
}

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
