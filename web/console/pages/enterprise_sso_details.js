// One enterprise SSO connector (GET /api/sso-connectors/:id): a header (name, provider, ID,
// Delete after a confirmation) and tabs, each its own URL: Connection (the IdP's configuration
// and what to give the IdP), SSO experience (name, display, email domains, profile sync) and,
// for SAML connectors, IdP-initiated SSO. The tabs share `state.connector`, the connector as the
// API last returned it, and call onSaved() after a save so the header follows.
//
// No "Test connection": Logto's console has none, and the management API has no route giving a
// connector's authorization URL (only the Experience API's, which needs a sign-in interaction).
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { del, get } from '../lib/api.js';
import {
  badge,
  busy,
  button,
  confirmDialog,
  copyText,
  emptyState,
  link,
  pageHeader,
  tabs,
  toast,
} from '../lib/ui.js';
import { SSO_PATH, isSaml, ssoHref, ssoLogo } from './enterprise_sso/sso_kinds.js';
import { connectionTab } from './enterprise_sso_details/connection_tab.js';
import { experienceTab } from './enterprise_sso_details/experience_tab.js';
import { idpInitiatedTab } from './enterprise_sso_details/idp_initiated_tab.js';

const back = () => ({ label: t('sso.back'), href: SSO_PATH });

const TABS = {
  connection: connectionTab,
  experience: experienceTab,
  'idp-initiated-sso': idpInitiatedTab,
};

const tabsOf = (connector) =>
  Object.keys(TABS).filter((key) => key !== 'idp-initiated-sso' || isSaml(connector));

function subtitle(connector) {
  return h(
    'span',
    { class: 'app-meta' },
    badge(connector.name ?? connector.providerName),
    h('span', {}, `ID: `, h('code', { 'data-testid': 'sso-id' }, connector.id)),
    button(t('ui.copy'), () => copyText(connector.id), {
      kind: 'text',
      'aria-label': t('sso.copy_id'),
    }),
  );
}

function deleteButton(state, ctx) {
  const btn = button(
    t('sso.delete'),
    async () => {
      const ok = await confirmDialog({
        title: t('sso.delete_title'),
        message: t('sso.delete_body', { name: state.connector.connectorName }),
      });
      if (!ok) return;
      await busy(btn, async () => {
        await del(`/sso-connectors/${encodeURIComponent(state.connector.id)}`);
        ctx.setDirty(false);
        toast(t('sso.deleted', { name: state.connector.connectorName }));
        ctx.navigate(SSO_PATH, { replace: true });
      });
    },
    { kind: 'danger' },
  );
  return btn;
}

export default async function enterpriseSsoDetails(view, ctx) {
  const state = { connector: null };
  try {
    ({ data: state.connector } = await get(`/sso-connectors/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status !== 404) throw error;
    view.append(
      pageHeader(t('sso.back'), { back: back() }),
      emptyState({ title: t('sso.not_found'), action: link(t('sso.back'), SSO_PATH) }),
    );
    return undefined;
  }
  const tab = ctx.params.tab ?? 'connection';
  if (!tabsOf(state.connector).includes(tab)) {
    ctx.navigate(ssoHref(state.connector), { replace: true });
    return undefined;
  }
  const header = h('div');
  const drawHeader = () => {
    const c = state.connector;
    ctx.setTitle(c.connectorName);
    const title = h('span', { class: 'sso-name' }, ssoLogo(c), c.connectorName);
    replace(
      header,
      pageHeader(title, {
        back: back(),
        subtitle: subtitle(c),
        actions: [deleteButton(state, ctx)],
      }),
    );
  };
  drawHeader();
  const items = tabsOf(state.connector).map((key) => ({
    label: t(`sso.tab.${key}`),
    href: ssoHref(state.connector, key),
    active: key === tab,
  }));
  view.append(
    header,
    tabs(items, t('sso.tabs')),
    await TABS[tab](state, ctx, { onSaved: drawHeader }),
  );
  return () => ctx.setDirty(false);
}
