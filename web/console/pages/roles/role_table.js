// The list of roles: name (the row's link), type, description and who holds it; and what shows
// instead when there is none.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { badge, button, emptyState, table } from '../../lib/ui.js';
import { assignedCell } from './avatars.js';
import { isBuiltInRole, roleHref, roleTypeLabel } from './role_kinds.js';

function nameCell(role) {
  return h(
    'span',
    { class: 'app-name-cell' },
    role.name,
    isBuiltInRole(role) ? badge(t('roles.builtin'), 'warn') : null,
    role.isDefault ? badge(t('roles.default'), 'ok') : null,
  );
}

export function roleTable(roles, { onOpen }) {
  const columns = [
    { label: t('roles.col.name'), render: nameCell },
    { label: t('roles.col.type'), render: (r) => badge(roleTypeLabel(r.type), 'brand') },
    { label: t('roles.col.description'), render: (r) => r.description || '' },
    { label: t('roles.col.assigned'), render: assignedCell },
  ];
  return table(columns, roles, { onOpen, href: (r) => roleHref(r), caption: t('roles.title') });
}

// No role matching `search` (with "Clear search"), or none at all (with "Create role").
export function noRoles({ search, onClear, onCreate }) {
  if (search) {
    return emptyState({
      title: t('roles.no_results', { q: search }),
      action: button(t('roles.clear_search'), onClear),
    });
  }
  return emptyState({
    title: t('roles.empty_title'),
    text: t('roles.empty_text'),
    action: button(t('roles.create'), onCreate, { kind: 'primary' }),
  });
}
