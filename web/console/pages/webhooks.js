// Webhooks: every hook with its endpoint, events, state and the last 24 hours' deliveries, and
// "Create webhook" (docs/webhooks.md).
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
  table,
  toast,
} from '../lib/ui.js';
import { openCreateWebhook } from './webhooks/create_webhook_dialog.js';

export const webhookHref = (hook, tab) =>
  `/console/webhooks/${encodeURIComponent(hook.id)}${tab ? `/${tab}` : ''}`;

function stats(hook) {
  const s = hook.executionStats;
  if (!s || !s.requestCount) return h('span', { class: 'muted' }, t('webhooks.no_requests'));
  return t('webhooks.success_rate', { success: s.successCount, total: s.requestCount });
}

function hookTable(hooks, onOpen) {
  return table(
    [
      { label: t('webhooks.col.name'), render: (hook) => hook.name || hook.id },
      {
        label: t('webhooks.col.url'),
        render: (hook) => h('code', { class: 'mono' }, hook.config.url),
      },
      { label: t('webhooks.col.events'), render: (hook) => String(hook.events.length) },
      {
        label: t('webhooks.col.status'),
        render: (hook) =>
          hook.enabled ? badge(t('webhooks.enabled'), 'ok') : badge(t('webhooks.disabled')),
      },
      { label: t('webhooks.col.requests'), render: stats },
    ],
    hooks,
    { onOpen, href: (hook) => webhookHref(hook), caption: t('webhooks.title') },
  );
}

export default async function webhooks(view, ctx) {
  ctx.setTitle(t('webhooks.title'));
  const area = h('div');
  const create = () =>
    openCreateWebhook((hook) => {
      toast(t('webhooks.created', { name: hook.name }));
      ctx.navigate(webhookHref(hook));
    });
  view.append(
    pageHeader(t('webhooks.title'), {
      subtitle: t('webhooks.subtitle'),
      actions: [button(t('webhooks.create'), create, { kind: 'primary' })],
    }),
    area,
  );
  async function load() {
    replace(area, loading());
    let list;
    try {
      ({ data: list } = await get('/hooks', { includeExecutionStats: 'true' }));
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    if (!list?.length) {
      replace(
        area,
        emptyState({
          title: t('webhooks.empty'),
          text: t('webhooks.empty_text'),
          action: button(t('webhooks.create'), create, { kind: 'primary' }),
        }),
      );
      return;
    }
    replace(
      area,
      hookTable(list, (hook) => ctx.navigate(webhookHref(hook))),
    );
  }
  await load();
}
