// One webhook: a header (name, state, id) and two tabs, each its own URL: Settings (endpoint,
// events, headers, enabled, signing key, "Send test", deletion) and Recent requests (the
// delivery log). The tabs live in webhook_details/ and share `state.hook`, the hook as the API
// last returned it.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { badge, button, copyText, emptyState, link, pageHeader, tabs } from '../lib/ui.js';
import { deliveriesTab } from './webhook_details/deliveries_tab.js';
import { settingsTab } from './webhook_details/settings_tab.js';
import { webhookHref } from './webhooks.js';

const back = () => ({ label: t('webhook.back'), href: '/console/webhooks' });

function subtitle(hook) {
  return h(
    'span',
    { class: 'app-meta' },
    hook.enabled ? badge(t('webhooks.enabled'), 'ok') : badge(t('webhooks.disabled')),
    h('span', {}, `${t('webhook.id')}: `, h('code', { class: 'mono' }, hook.id)),
    button(t('ui.copy'), () => copyText(hook.id), {
      kind: 'text',
      'aria-label': t('webhook.copy_id'),
    }),
  );
}

const TABS = { settings: settingsTab, 'recent-requests': deliveriesTab };

export default async function webhookDetails(view, ctx) {
  const state = { hook: null };
  try {
    ({ data: state.hook } = await get(`/hooks/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status !== 404) throw error;
    view.append(
      pageHeader(t('webhook.back'), { back: back() }),
      emptyState({
        title: t('webhook.not_found'),
        action: link(t('webhook.back'), '/console/webhooks'),
      }),
    );
    return undefined;
  }
  const tab = ctx.params.tab ?? 'settings';
  if (!TABS[tab]) {
    ctx.navigate(webhookHref(state.hook), { replace: true });
    return undefined;
  }
  const header = h('div');
  const drawHeader = () => {
    const title = state.hook.name || state.hook.id;
    ctx.setTitle(title);
    replace(header, pageHeader(title, { back: back(), subtitle: subtitle(state.hook) }));
  };
  drawHeader();
  const nav = tabs(
    Object.keys(TABS).map((key) => ({
      label: t(`webhook.tab.${key}`),
      href: webhookHref(state.hook, key === 'settings' ? '' : key),
      active: key === tab,
    })),
    t('webhook.tabs'),
  );
  view.append(header, nav, await TABS[tab](state, ctx, { onSaved: drawHeader }));
  return () => ctx.setDirty(false);
}
