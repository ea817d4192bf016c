// One organization role: a header (name, type, id) and two tabs, each its own URL: Permissions
// (its organization permissions and API permissions; assign, remove) and General (name,
// description, deletion). The tabs live in organization_role_details/ and share `state.role`.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { badge, button, copyText, emptyState, link, pageHeader, tabs } from '../lib/ui.js';
import { generalTab } from './organization_role_details/general_tab.js';
import { permissionsTab } from './organization_role_details/permissions_tab.js';
import { orgRoleHref, orgTypeLabel } from './organizations/org_kinds.js';

const LIST = '/console/organization-template/organization-roles';
const back = () => ({ label: t('org_role.back'), href: LIST });
const TABS = { permissions: permissionsTab, general: generalTab };

function subtitle(role) {
  return h(
    'span',
    { class: 'app-meta' },
    badge(orgTypeLabel(role.type), 'brand'),
    h('span', {}, `${t('org_role.id')}: `, h('code', { 'data-testid': 'org-role-id' }, role.id)),
    button(t('ui.copy'), () => copyText(role.id), {
      kind: 'text',
      'aria-label': t('org_role.copy_id'),
    }),
  );
}

export default async function organizationRoleDetails(view, ctx) {
  const state = { role: null };
  try {
    ({ data: state.role } = await get(`/organization-roles/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status !== 404) throw error;
    view.append(
      pageHeader(t('org_role.back'), { back: back() }),
      emptyState({ title: t('org_role.not_found'), action: link(t('org_role.back'), LIST) }),
    );
    return undefined;
  }
  const tab = ctx.params.tab ?? 'permissions';
  if (!TABS[tab]) {
    ctx.navigate(orgRoleHref(state.role), { replace: true });
    return undefined;
  }
  const header = h('div');
  const drawHeader = () => {
    ctx.setTitle(state.role.name);
    replace(header, pageHeader(state.role.name, { back: back(), subtitle: subtitle(state.role) }));
  };
  drawHeader();
  const items = Object.keys(TABS).map((key) => ({
    label: t(`org_role.tab.${key}`),
    href: orgRoleHref(state.role, key),
    active: key === tab,
  }));
  view.append(
    header,
    tabs(items, t('org_role.tabs')),
    await TABS[tab](state, ctx, { onSaved: drawHeader }),
  );
  return () => ctx.setDirty(false);
}
