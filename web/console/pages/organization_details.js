// One organization: a header (name, id) and five tabs, each its own URL: Settings (name,
// description, custom data, MFA requirement, branding, deletion), Members (users and their
// organization roles), Machine-to-machine apps, Just-in-time provisioning (email domains and
// default roles) and Invitations. The tabs live in organization_details/ and share `state.org`,
// the organization as the API last returned it.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { button, copyText, emptyState, link, pageHeader, tabs } from '../lib/ui.js';
import { invitationsTab } from './organization_details/invitations_tab.js';
import { jitTab } from './organization_details/jit_tab.js';
import { membersTab } from './organization_details/members_tab.js';
import { settingsTab } from './organization_details/settings_tab.js';
import { orgHref } from './organizations/org_kinds.js';

const back = () => ({ label: t('org.back'), href: '/console/organizations' });

const TABS = {
  settings: settingsTab,
  members: membersTab,
  'machine-to-machine': membersTab,
  jit: jitTab,
  invitations: invitationsTab,
};

function subtitle(org) {
  return h(
    'span',
    { class: 'app-meta' },
    h('span', {}, `${t('org.id')}: `, h('code', { 'data-testid': 'org-id' }, org.id)),
    button(t('ui.copy'), () => copyText(org.id), { kind: 'text', 'aria-label': t('org.copy_id') }),
    org.isMfaRequired ? h('span', { class: 'badge badge-warn' }, t('org.mfa_badge')) : null,
  );
}

export default async function organizationDetails(view, ctx) {
  const state = { org: null };
  try {
    ({ data: state.org } = await get(`/organizations/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status !== 404) throw error;
    view.append(
      pageHeader(t('org.back'), { back: back() }),
      emptyState({
        title: t('org.not_found'),
        action: link(t('org.back'), '/console/organizations'),
      }),
    );
    return undefined;
  }
  const tab = ctx.params.tab ?? 'settings';
  if (!TABS[tab]) {
    ctx.navigate(orgHref(state.org), { replace: true });
    return undefined;
  }
  const header = h('div');
  const drawHeader = () => {
    ctx.setTitle(state.org.name);
    replace(header, pageHeader(state.org.name, { back: back(), subtitle: subtitle(state.org) }));
  };
  drawHeader();
  const items = Object.keys(TABS).map((key) => ({
    label: t(`org.tab.${key}`),
    href: orgHref(state.org, key),
    active: key === tab,
  }));
  view.append(
    header,
    tabs(items, t('org.tabs')),
    await TABS[tab](state, ctx, { kind: tab, onSaved: drawHeader }),
  );
  return () => ctx.setDirty(false);
}
