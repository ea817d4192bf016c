// The Organization permissions tab: every organization permission (organization scope) with its
// description, searchable and paged; "Create organization permission", Edit and Delete.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get } from '../../lib/api.js';
import { busy, button, confirmDialog, toast } from '../../lib/ui.js';
import { pagedTable } from '../../components/paged_table.js';
import { logtoQuery } from '../organizations/org_kinds.js';
import { openPermissionDialog } from './permission_dialog.js';

export async function permissionsTab() {
  let list;
  async function remove(scope, btn) {
    const ok = await confirmDialog({
      title: t('org_perms.delete_title'),
      message: t('org_perms.delete_body', { name: scope.name }),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(`/organization-scopes/${encodeURIComponent(scope.id)}`);
      toast(t('org_perms.deleted', { name: scope.name }));
      await list.load();
    });
  }
  const edit = (scope) =>
    openPermissionDialog(scope, (saved) => {
      toast(t('org_perms.saved', { name: saved.name }));
      list.load();
    });
  const columns = [
    { label: t('org_perms.col.name'), render: (s) => h('code', {}, s.name) },
    { label: t('org_perms.col.description'), render: (s) => s.description || '' },
    {
      label: t('org_perms.col.actions'),
      class: 'cell-actions',
      render: (s) => [
        button(t('org_perms.edit'), () => edit(s), {
          kind: 'text',
          'aria-label': t('org_perms.edit_label', { name: s.name }),
        }),
        button(t('ui.delete'), (e) => remove(s, e.currentTarget), {
          kind: 'text',
          'aria-label': t('org_perms.delete_label', { name: s.name }),
        }),
      ],
    },
  ];
  list = pagedTable({
    fetch: (query) => get('/organization-scopes', logtoQuery(query)),
    columns,
    caption: t('org_template.tab.organization-permissions'),
    searchLabel: t('org_perms.search'),
    empty: () =>
      h(
        'div',
        { class: 'empty-state', 'data-testid': 'org-permissions-empty' },
        h('h2', {}, t('org_perms.empty_title')),
        h('p', {}, t('org_perms.empty_text')),
      ),
  });
  const create = () =>
    openPermissionDialog(undefined, (scope) => {
      toast(t('org_perms.created', { name: scope.name }));
      list.load(true);
    });
  await list.load();
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row card-title-row' },
      h('p', { class: 'muted' }, t('org_perms.intro')),
      h('span', { class: 'spacer' }),
      button(t('org_perms.create'), create, { kind: 'primary' }),
    ),
    list.el,
  );
}
