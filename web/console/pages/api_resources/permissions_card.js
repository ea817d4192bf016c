// The Permissions card of an API resource: its scopes in a table with the roles that hold each
// and Delete, and "Create permission" (not for a built-in resource). `holders` maps a scope id
// to its roles ([{id, name, type}]). `onChange(scopes)` follows every change.
import { h, replace, richText } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del } from '../../lib/api.js';
import { busy, button, confirmDialog, link, table, toast } from '../../lib/ui.js';
import { roleHref } from '../roles/role_kinds.js';
import { openCreatePermission } from './create_permission_dialog.js';

// The roles holding `scope` as links, or "No role" in grey.
function rolesCell(roles) {
  if (!roles?.length) return h('span', { class: 'muted' }, t('resource.perm.no_roles'));
  return h(
    'span',
    { class: 'perm-roles' },
    roles.map((r, i) => [i ? ', ' : null, link(r.name, roleHref(r))]),
  );
}

export function permissionsCard(path, scopes, { builtIn, holders = new Map(), onChange }) {
  const area = h('div');
  const set = (next) => {
    scopes = next;
    draw();
    onChange(scopes);
  };

  async function remove(scope, btn) {
    const ok = await confirmDialog({
      title: t('resource.perm.delete_title'),
      message: t('resource.perm.delete_body', { name: scope.name }),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(`${path}/scopes/${encodeURIComponent(scope.id)}`);
      set(scopes.filter((s) => s.id !== scope.id));
      toast(t('resource.perm.deleted', { name: scope.name }));
    });
  }

  const columns = [
    { label: t('resource.col.name'), render: (s) => h('code', {}, s.name) },
    { label: t('resource.col.description'), render: (s) => s.description || '' },
    { label: t('resource.col.roles'), render: (s) => rolesCell(holders.get(s.id)) },
  ];
  if (!builtIn) {
    columns.push({
      label: t('resource.col.actions'),
      class: 'cell-actions',
      render: (s) =>
        button(t('ui.delete'), (e) => remove(s, e.currentTarget), {
          kind: 'text',
          'aria-label': t('resource.perm.delete_label', { name: s.name }),
        }),
    });
  }

  function draw() {
    if (scopes.length) {
      replace(area, table(columns, scopes, { caption: t('resource.permissions') }));
      return;
    }
    const none = t('resource.permissions_empty');
    replace(area, h('p', { class: 'muted', 'data-testid': 'permissions-empty' }, none));
  }

  draw();
  const create = () => openCreatePermission(path, (scope) => set([...scopes, scope]));
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row card-title-row' },
      h('h2', { class: 'card-title' }, t('resource.permissions')),
      h('span', { class: 'spacer' }),
      builtIn ? null : button(t('resource.create_permission'), create, { kind: 'primary' }),
    ),
    h('p', { class: 'muted' }, richText(t('resource.permissions_hint'))),
    area,
  );
}
