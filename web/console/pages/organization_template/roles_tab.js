// The Organization roles tab: every organization role with its type and the permissions it
// holds (organization and API permissions), searchable and paged; "Create organization role".
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { get } from '../../lib/api.js';
import { badge, button, link, toast } from '../../lib/ui.js';
import { pagedTable } from '../../components/paged_table.js';
import { logtoQuery, orgRoleHref, orgTypeLabel } from '../organizations/org_kinds.js';
import { openCreateOrgRole } from './create_role_dialog.js';

// The role's organization permissions and API permissions as code chips.
function permissionsCell(role) {
  const names = [
    ...(role.scopes ?? []).map((s) => s.name),
    ...(role.resourceScopes ?? []).map((s) => s.name),
  ];
  if (!names.length) return h('span', { class: 'muted' }, t('org_roles.no_permissions'));
  return h(
    'span',
    { class: 'badge-list' },
    names.map((name) => h('code', {}, name)),
  );
}

export async function rolesTab(ctx) {
  const columns = [
    { label: t('org_roles.col.role'), render: (r) => link(r.name, orgRoleHref(r)) },
    { label: t('org_roles.col.type'), render: (r) => badge(orgTypeLabel(r.type), 'brand') },
    { label: t('org_roles.col.permissions'), render: permissionsCell },
  ];
  const list = pagedTable({
    fetch: (query) => get('/organization-roles', logtoQuery(query)),
    columns,
    caption: t('org_template.tab.organization-roles'),
    searchLabel: t('org_roles.search'),
    empty: () =>
      h(
        'div',
        { class: 'empty-state', 'data-testid': 'org-roles-empty' },
        h('h2', {}, t('org_roles.empty_title')),
        h('p', {}, t('org_roles.empty_text')),
      ),
  });
  const create = () =>
    openCreateOrgRole((role) => {
      toast(t('org_roles.created', { name: role.name }));
      ctx.navigate(orgRoleHref(role));
    });
  await list.load();
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row card-title-row' },
      h('p', { class: 'muted' }, t('org_roles.intro')),
      h('span', { class: 'spacer' }),
      button(t('org_roles.create'), create, { kind: 'primary' }),
    ),
    list.el,
  );
}
