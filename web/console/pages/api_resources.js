// API resources: the APIs your applications request access tokens for (an "API identifier",
// the resource indicator, and its permissions). The management API is built in.
import { h, replace } from '../lib/dom.js';
import { addStrings, t } from '../lib/i18n.js';
import { get, post } from '../lib/api.js';
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

addStrings({
  en: {
    'resources.title': 'API resources',
    'resources.subtitle':
      'Register your APIs so applications can request access tokens for them, with permissions (scopes)',
    'resources.create': 'Create API resource',
    'resources.col.name': 'API name',
    'resources.col.indicator': 'API identifier',
    'resources.col.ttl': 'Token expiration',
    'resources.ttl_seconds': '{n} s',
    'resources.builtin': 'Built-in',
    'resources.default': 'Default API',
    'resources.empty_title': 'No API resources yet',
    'resources.empty_text':
      'An API resource stands for one of your APIs. Applications name it (its API identifier) when they sign in, and get an access token your API can verify.',
    'resources.caption': 'API resources',
    'resources.create.title': 'Create API resource',
    'resources.create.name': 'API name',
    'resources.create.name_placeholder': 'e.g. Bookstore API',
    'resources.create.indicator': 'API identifier',
    'resources.create.indicator_hint':
      'A unique absolute URI, usually your API’s address, e.g. https://api.example.com. It becomes the audience of the access tokens and cannot be changed later.',
    'resources.create.submit': 'Create API resource',
    'resources.created': 'API resource “{name}” created',
  },
  ja: {
    'resources.title': 'API リソース',
    'resources.subtitle':
      'API を登録すると、アプリケーションはその API のアクセストークンを権限（スコープ）付きで要求できます',
    'resources.create': 'API リソースを作成',
    'resources.col.name': 'API 名',
    'resources.col.indicator': 'API 識別子',
    'resources.col.ttl': 'トークンの有効期限',
    'resources.ttl_seconds': '{n} 秒',
    'resources.builtin': '組み込み',
    'resources.default': 'デフォルト API',
    'resources.empty_title': 'まだ API リソースがありません',
    'resources.empty_text':
      'API リソースはあなたの API を表します。アプリケーションはサインイン時にその API 識別子を指定し、API で検証できるアクセストークンを受け取ります。',
    'resources.caption': 'API リソース',
    'resources.create.title': 'API リソースを作成',
    'resources.create.name': 'API 名',
    'resources.create.name_placeholder': '例：Bookstore API',
    'resources.create.indicator': 'API 識別子',
    'resources.create.indicator_hint':
      '一意の絶対 URI。通常は API のアドレスです（例：https://api.example.com）。アクセストークンの audience になり、後から変更できません。',
    'resources.create.submit': 'API リソースを作成',
    'resources.created': 'API リソース「{name}」を作成しました',
  },
});

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
          const target = /indicator/i.test(error.message)
            ? indicator
            : /name/i.test(error.message)
              ? name
              : null;
          showSaveError(error, target, formError);
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
