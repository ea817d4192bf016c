// What every organization page says about organizations and the organization template: where
// their pages are, a role type's label, a list of organization roles as badges, and which form
// field a name clash belongs to.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { badge } from '../../lib/ui.js';
import { fieldFor } from '../../lib/field_errors.js';

export const USER = 'User';
export const M2M = 'MachineToMachine';

const enc = encodeURIComponent;

export const orgHref = (org, tab = 'settings') => `/console/organizations/${enc(org.id)}/${tab}`;

export const orgRoleHref = (role, tab = 'permissions') =>
  `/console/organization-template/organization-roles/${enc(role.id)}/${tab}`;

export const orgTypeLabel = (type) =>
  t(type === M2M ? 'org_roles.type_m2m' : 'org_roles.type_user');

// The organization roles a member holds (Logto's organizationRoles: [{ id, name }]) as badges,
// or a muted "None".
export function roleBadges(roles) {
  if (!roles?.length) return h('span', { class: 'muted' }, t('orgs.no_roles'));
  return h(
    'span',
    { class: 'badge-list' },
    roles.map((r) => badge(r.name, 'brand')),
  );
}

// The field of `fields` an API error concerns; a unique-name clash (Logto's
// entity.unique_integrity_violation, the template's names are unique) concerns `name`.
export function fieldOfError(error, fields) {
  const found = fieldFor(error, fields);
  if (found) return found;
  return error?.code === 'entity.unique_integrity_violation' ? (fields.name ?? null) : null;
}

// Logto's list routes search with `q`; the console's paged tables call it `search`.
export const logtoQuery = ({ search, ...rest }) => ({ q: search, ...rest });
