// One connector: its ID and callback URL at the top (to paste into the provider's app), its
// configuration (connectors/settings_card.js), whether the sign-in page shows it
// (connectors/usage_card.js), the setup guide, and removal.
import { h } from '../lib/dom.js';
import { formatTime, t } from '../lib/i18n.js';
import { del, get, patch } from '../lib/api.js';
import {
  button,
  confirmDialog,
  copyField,
  errorState,
  errorText,
  pageHeader,
  toast,
} from '../lib/ui.js';
import { connectorName, endpoint, kindOf, localName } from './connectors/names.js';
import { connectorSettingsCard } from './connectors/settings_card.js';
import { usageCard } from './connectors/usage_card.js';
import { connectorGuide } from '../guides/connectors.js';

function subtitle(connector) {
  return [
    t(`cdet.type.${kindOf(connector)}`),
    localName(connector.name),
    connector.createdAt ? t('cdet.created', { time: formatTime(connector.createdAt) }) : '',
  ]
    .filter((x, i, all) => x && all.indexOf(x) === i)
    .join(' · ');
}

// The top bar: what the operator pastes at the provider.
function topbar(connector, social, callback) {
  const hint =
    connector.connectorId === 'github-universal'
      ? t('cdet.callback_hint')
      : t('cdet.callback_hint_other', { name: localName(connector.name) });
  const callbackField = social
    ? h(
        'div',
        {},
        copyField(t('cdet.callback'), callback, { testId: 'callback-url' }),
        h('p', { class: 'hint' }, hint),
      )
    : null;
  return h(
    'section',
    { class: 'card connector-topbar', 'aria-label': t('cdet.id') },
    h(
      'div',
      { class: 'grid-2' },
      copyField(t('cdet.id'), connector.id, { testId: 'connector-id' }),
      callbackField,
    ),
  );
}

function guideCard(guide, social) {
  if (!guide) return null;
  return h(
    'details',
    { class: 'card connector-guide-card', open: social ? null : true },
    h('summary', {}, h('span', { class: 'card-title' }, t('cdet.guide'))),
    guide,
  );
}

// Removal; a social connector also leaves the sign-in page's list.
function dangerZone(connector, page, ctx) {
  const social = kindOf(connector) === 'Social';
  async function remove() {
    const ok = await confirmDialog({
      title: t('cdet.remove_title', { name: connectorName(connector) }),
      message: t('cdet.remove_body'),
      confirmLabel: t('cdet.remove'),
    });
    if (!ok) return;
    removeButton.disabled = true;
    try {
      await del(`/connectors/${encodeURIComponent(connector.id)}`);
      const targets = page.experience?.socialSignInConnectorTargets ?? [];
      if (social && targets.includes(connector.target)) {
        const rest = targets.filter((x) => x !== connector.target);
        await patch('/sign-in-exp', { socialSignInConnectorTargets: rest }).catch(() => {});
      }
      ctx.setDirty(false);
      toast(t('cdet.removed'));
      ctx.navigate(page.listHref);
    } catch (error) {
      toast(errorText(error), 'error');
      removeButton.disabled = false;
    }
  }
  const removeButton = button(t('cdet.remove'), remove, { kind: 'danger' });
  return h(
    'section',
    { class: 'card danger-zone', 'aria-label': t('cdet.danger') },
    h('h2', { class: 'card-title' }, t('cdet.danger')),
    h('p', { class: 'muted' }, t('cdet.danger_text')),
    removeButton,
  );
}

export default async function connectorDetails(view, ctx) {
  const kind = ctx.params.kind === 'passwordless' ? 'passwordless' : 'social';
  const page = { listHref: `/console/connectors/${kind}`, experience: null };
  const back = { label: t('cdet.back'), href: page.listHref };
  let connector;
  try {
    const [c, exp] = await Promise.all([
      get(`/connectors/${encodeURIComponent(ctx.params.id)}`),
      get('/sign-in-exp').catch(() => null),
    ]);
    connector = c.data;
    page.experience = exp?.data ?? null;
  } catch (error) {
    view.append(
      pageHeader(t('cdet.id'), { back }),
      errorState(error, () => ctx.reload()),
    );
    return undefined;
  }
  const social = kindOf(connector) === 'Social';
  const name = connectorName(connector);
  ctx.setTitle(name);
  const base = await endpoint();
  const callback = connector.callbackUri || `${base}/callback/${connector.id}`;
  const guide = connectorGuide(
    connector.connectorId,
    { endpoint: base, callback },
    connector.readme,
  );
  view.append(
    pageHeader(name, { back, subtitle: subtitle(connector) }),
    topbar(connector, social, callback),
    h(
      'div',
      { class: 'connector-details' },
      h(
        'div',
        {},
        connectorSettingsCard(connector, ctx, { social }),
        social ? usageCard(connector, page) : null,
      ),
      guideCard(guide, social),
    ),
    dangerZone(connector, page, ctx),
  );
  return undefined;
}
