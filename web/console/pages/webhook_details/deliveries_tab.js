// A webhook's Recent requests tab: its deliveries of the last 24 hours (one row per attempt,
// newest first), each with its event, result, the endpoint's status and time; a row opens the
// request and the answer.
import { h, replace } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { get } from '../../lib/api.js';
import {
  badge,
  button,
  emptyState,
  errorState,
  loading,
  modal,
  pager,
  table,
} from '../../lib/ui.js';

const PAGE_SIZE = 20;

function detail(log) {
  const p = log.payload ?? {};
  const pre = (value) => h('pre', { class: 'code-block mono' }, JSON.stringify(value, null, 2));
  modal({
    title: log.key,
    wide: true,
    content: h(
      'div',
      { class: 'stack' },
      p.error ? h('p', { class: 'form-error' }, p.error) : null,
      h('h3', {}, t('webhook.log.request')),
      pre(p.hookRequest?.body ?? null),
      h('h3', {}, t('webhook.log.response')),
      pre(p.response ?? null),
    ),
  });
}

function logTable(logs) {
  return table(
    [
      { label: t('webhook.log.event'), render: (log) => log.key.replace(/^TriggerHook\./, '') },
      {
        label: t('webhook.log.result'),
        render: (log) =>
          log.payload?.result === 'Success'
            ? badge(t('webhook.log.success'), 'ok')
            : badge(t('webhook.log.failed'), 'danger'),
      },
      {
        label: t('webhook.log.status'),
        render: (log) => String(log.payload?.response?.statusCode ?? '—'),
      },
      { label: t('webhook.log.time'), render: (log) => formatTime(log.createdAt) },
    ],
    logs,
    { onOpen: detail, caption: t('webhook.tab.recent-requests') },
  );
}

export async function deliveriesTab(state) {
  const area = h('div');
  let page = 1;
  async function load() {
    replace(area, loading());
    let result;
    try {
      result = await get(`/hooks/${encodeURIComponent(state.hook.id)}/recent-logs`, {
        page,
        page_size: PAGE_SIZE,
      });
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    const logs = result.data ?? [];
    if (!logs.length) {
      replace(
        area,
        emptyState({ title: t('webhook.log.empty'), text: t('webhook.log.empty_text') }),
      );
      return;
    }
    const go = (p) => {
      page = p;
      load();
    };
    const total = result.total ?? logs.length;
    replace(
      area,
      logTable(logs),
      total > PAGE_SIZE ? pager({ page, pageSize: PAGE_SIZE, total, go }) : null,
    );
  }
  await load();
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row' },
      h('h2', { class: 'card-title' }, t('webhook.tab.recent-requests')),
      h('span', { class: 'spacer' }),
      button(t('webhook.log.refresh'), load, { kind: 'text' }),
    ),
    h('p', { class: 'muted' }, t('webhook.log.intro')),
    area,
  );
}
