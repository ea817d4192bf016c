// An organization role's Permissions tab: its organization permissions and API permissions in one
// table (with each one's type and API resource), "Assign permissions" (organization permissions
// and API permissions, those held shown ticked) and Remove.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get, post } from '../../lib/api.js';
import {
  badge,
  busy,
  button,
  confirmDialog,
  errorState,
  loading,
  modal,
  table,
  toast,
} from '../../lib/ui.js';
import { permissionPicker } from '../roles/permission_picker.js';
import { USER } from '../organizations/org_kinds.js';
import { orgScopeChecks } from '../organization_template/create_role_dialog.js';

// Resource names by id, for the API permissions' Resource column.
async function resourceNames() {
  const { data } = await get('/resources', { page_size: 100 });
  return new Map((data ?? []).map((r) => [r.id, r.name]));
}

// "Assign permissions": organization permissions, then API permissions (never the management
// API, as for User roles).
function openAssign(path, held, onDone) {
  const orgScopes = orgScopeChecks(held.org);
  const apiScopes = permissionPicker({ type: USER, held: held.api });
  const submit = button(t('org_role.perm.assign_submit'), null, { kind: 'primary' });
  submit.addEventListener('click', async () => {
    const organizationScopeIds = orgScopes.selected();
    const scopeIds = apiScopes.selected();
    const done = await busy(submit, async () => {
      if (organizationScopeIds.length) await post(`${path}/scopes`, { organizationScopeIds });
      if (scopeIds.length) await post(`${path}/resource-scopes`, { scopeIds });
      return true;
    });
    if (!done) return;
    m.close();
    toast(t('org_role.perm.assigned'));
    onDone();
  });
  const m = modal({
    title: t('org_role.perm.assign_title'),
    content: h(
      'div',
      { class: 'stack' },
      h('p', { class: 'muted' }, t('org_role.perm.assign_intro')),
      h('h3', {}, t('org_role.perm.org_permissions')),
      orgScopes.el,
      h('h3', {}, t('org_role.perm.api_permissions')),
      apiScopes.el,
    ),
    actions: [button(t('ui.cancel'), () => m.close()), submit],
    wide: true,
  });
}

export async function permissionsTab(state) {
  const path = `/organization-roles/${encodeURIComponent(state.role.id)}`;
  const area = h('div', {}, loading());
  let rows = [];
  let names = new Map();

  async function remove(row, btn) {
    const ok = await confirmDialog({
      title: t('org_role.perm.remove_title'),
      message: t('org_role.perm.remove_body', { name: row.name }),
      confirmLabel: t('ui.remove'),
    });
    if (!ok) return;
    const kind = row.api ? 'resource-scopes' : 'scopes';
    await busy(btn, async () => {
      await del(`${path}/${kind}/${encodeURIComponent(row.id)}`);
      toast(t('org_role.perm.removed', { name: row.name }));
      await load();
    });
  }
  const columns = [
    { label: t('org_role.perm.col.name'), render: (r) => h('code', {}, r.name) },
    {
      label: t('org_role.perm.col.type'),
      render: (r) => badge(t(r.api ? 'org_role.perm.type_api' : 'org_role.perm.type_org'), 'brand'),
    },
    {
      label: t('org_role.perm.col.resource'),
      render: (r) => (r.api ? (names.get(r.resourceId) ?? r.resourceId ?? '') : ''),
    },
    { label: t('org_role.perm.col.description'), render: (r) => r.description || '' },
    {
      label: t('org_role.perm.col.actions'),
      class: 'cell-actions',
      render: (r) =>
        button(t('ui.remove'), (e) => remove(r, e.currentTarget), {
          kind: 'text',
          'aria-label': t('org_role.perm.remove_label', { name: r.name }),
        }),
    },
  ];

  async function load() {
    try {
      const [org, api, resources] = await Promise.all([
        get(`${path}/scopes`),
        get(`${path}/resource-scopes`),
        resourceNames(),
      ]);
      names = resources;
      rows = [
        ...(org.data ?? []).map((s) => ({ ...s, api: false })),
        ...(api.data ?? []).map((s) => ({ ...s, api: true })),
      ];
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    if (!rows.length) {
      replace(
        area,
        h(
          'p',
          { class: 'muted', 'data-testid': 'org-role-permissions-empty' },
          t('org_role.perm.empty'),
        ),
      );
      return;
    }
    replace(area, table(columns, rows, { caption: t('org_role.tab.permissions') }));
  }

  const assign = () => {
    const held = {
      org: new Set(rows.filter((r) => !r.api).map((r) => r.id)),
      api: new Set(rows.filter((r) => r.api).map((r) => r.id)),
    };
    openAssign(path, held, load);
  };
  await load();
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row card-title-row' },
      h('h2', { class: 'card-title' }, t('org_role.tab.permissions')),
      h('span', { class: 'spacer' }),
      button(t('org_role.perm.assign'), assign, { kind: 'primary' }),
    ),
    h('p', { class: 'muted' }, t('org_role.perm.hint')),
    area,
  );
}
