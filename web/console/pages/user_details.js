// One user, in four tabs (each its own URL): Settings (profile, custom data, linked social
// identities, MFA factors, deletion), Roles (the User roles held, assign and remove), Permissions (what
// those roles grant, and which role grants what) and Organizations (the user's organizations
// and organization roles). The header (name, suspension, password reset,
// audit log link) is on every tab. The parts live in user_details/ and share `state.user`, the
// user as the API last returned it.
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { card, emptyState, link, pageHeader, tabs } from '../lib/ui.js';
import { heldRolesCard } from './roles/held_roles.js';
import { customDataForm } from './user_details/custom_data_form.js';
import { deleteUserZone } from './user_details/danger_zone.js';
import { userHeader } from './user_details/header.js';
import { identitiesCard } from './user_details/identities_card.js';
import { mfaCard } from './user_details/mfa_card.js';
import { userOrganizationsTab } from './user_details/organizations_tab.js';
import { userPermissionsTab } from './user_details/permissions_tab.js';
import { profileForm } from './user_details/profile_form.js';
import { displayName } from './users/user_names.js';

const TABS = ['settings', 'roles', 'permissions', 'organizations'];

function notFound() {
  const back = link(t('user.back'), '/console/users');
  return [
    pageHeader(t('user.back'), { back: { label: t('user.back'), href: '/console/users' } }),
    emptyState({ title: t('user.not_found'), action: back }),
  ];
}

function tabNav(user, current) {
  const base = `/console/users/${encodeURIComponent(user.id)}`;
  const items = TABS.map((key) => ({
    label: t(`user.tab.${key}`),
    href: key === 'settings' ? base : `${base}/${key}`,
    active: key === current,
  }));
  return tabs(items, t('user.tabs'));
}

async function tabContent(tab, state, ctx, header) {
  const { user } = state;
  if (tab === 'roles') {
    const holder = {
      path: `/users/${encodeURIComponent(user.id)}/roles`,
      type: 'User',
      exclude: { excludeUserId: user.id },
      name: displayName(user),
      hint: 'held_roles.hint_user',
    };
    return [await heldRolesCard(holder)];
  }
  if (tab === 'permissions') return [await userPermissionsTab(state)];
  if (tab === 'organizations') return [await userOrganizationsTab(state)];
  return [
    card(t('user.profile'), profileForm(state, ctx, { onSaved: header.draw })),
    card(t('user.custom_data'), customDataForm(state)),
    identitiesCard(state),
    mfaCard(state),
    deleteUserZone(state, ctx),
  ];
}

export default async function userDetails(view, ctx) {
  const state = { user: null };
  const tab = ctx.params.tab ?? 'settings';
  try {
    ({ data: state.user } = await get(`/users/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status !== 404) throw error;
    view.append(...notFound());
    return undefined;
  }
  if (!TABS.includes(tab) || ctx.params.tab === 'settings') {
    ctx.navigate(`/console/users/${encodeURIComponent(state.user.id)}`, { replace: true });
    return undefined;
  }
  const header = userHeader(state, ctx);
  header.draw();
  view.append(
    ...header.el,
    tabNav(state.user, tab),
    ...(await tabContent(tab, state, ctx, header)),
  );
  return () => ctx.setDirty(false);
}
