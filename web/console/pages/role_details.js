// One role: a header (name, type, built-in and default badges) and three tabs, each its own URL:
// Permissions, Users (User roles) or Machine-to-machine apps (M2M roles), and General (name,
// description, "Default role", deletion). Built-in roles are shown with their permissions and
// holders but cannot be edited or deleted. The tabs live in role_details/ and share
// `state.role`, the role as the API last returned it.
import { append, h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { badge, copyText, button, emptyState, link, pageHeader, tabs } from '../lib/ui.js';
import { generalTab } from './role_details/general_tab.js';
import { membersTab } from './role_details/members_tab.js';
import { permissionsTab } from './role_details/permissions_tab.js';
import { M2M, isBuiltInRole, roleHref, roleTypeLabel } from './roles/role_kinds.js';

const back = () => ({ label: t('role.back'), href: '/console/roles' });

function notFound() {
  return [
    pageHeader(t('role.back'), { back: back() }),
    emptyState({ title: t('role.not_found'), action: link(t('role.back'), '/console/roles') }),
  ];
}

function subtitle(role) {
  return h(
    'span',
    { class: 'app-meta' },
    badge(roleTypeLabel(role.type), 'brand'),
    isBuiltInRole(role) ? badge(t('roles.builtin'), 'warn') : null,
    role.isDefault ? badge(t('roles.default'), 'ok') : null,
    h(
      'span',
      {},
      `${t('role.id')}: `,
      h('code', { class: 'mono', 'data-testid': 'role-id' }, role.id),
    ),
    button(t('ui.copy'), () => copyText(role.id), {
      kind: 'text',
      'aria-label': t('role.copy_id'),
    }),
  );
}

function tabNav(role, current) {
  const members = role.type === M2M ? 'applications' : 'users';
  const items = ['permissions', members, 'general'].map((key) => ({
    label: t(`role.tab.${key}`),
    href: roleHref(role, key),
    active: key === current,
  }));
  return tabs(items, t('role.tabs'));
}

const TABS = {
  permissions: permissionsTab,
  users: membersTab,
  applications: membersTab,
  general: generalTab,
};

export default async function roleDetails(view, ctx) {
  const state = { role: null };
  try {
    ({ data: state.role } = await get(`/roles/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status !== 404) throw error;
    view.append(...notFound());
    return undefined;
  }
  const wanted = ctx.params.tab ?? 'permissions';
  const members = state.role.type === M2M ? 'applications' : 'users';
  const tab = wanted === 'users' || wanted === 'applications' ? members : wanted;
  if (!TABS[tab] || tab !== wanted) {
    ctx.navigate(roleHref(state.role, TABS[tab] ? tab : 'permissions'), { replace: true });
    return undefined;
  }
  const header = h('div');
  const drawHeader = () => {
    ctx.setTitle(state.role.name);
    replace(header, pageHeader(state.role.name, { back: back(), subtitle: subtitle(state.role) }));
  };
  drawHeader();
  const builtIn = isBuiltInRole(state.role);
  // append() leaves the nulls out (the DOM's view.append would show them as "null").
  append(view, [
    header,
    builtIn ? h('p', { class: 'note', role: 'note' }, t('role.builtin_note')) : null,
    tabNav(state.role, tab),
    await TABS[tab](state, ctx, { builtIn, kind: tab, onSaved: drawHeader }),
  ]);
  return () => ctx.setDirty(false);
}
