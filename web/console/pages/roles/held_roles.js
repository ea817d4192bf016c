// The Roles tab of a user (User roles) or of a machine-to-machine app (M2M roles): the roles it
// holds, searchable and paged, "Assign roles" (offering only the roles of its type it does not
// hold, through GET /api/roles?excludeUserId= / excludeApplicationId=) and Remove.
// holder: { path: '/users/<id>/roles', type, exclude: { excludeUserId: id }, name }.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get, post } from '../../lib/api.js';
import { badge, busy, button, confirmDialog, link, toast } from '../../lib/ui.js';
import { openAssignDialog } from '../../components/assign_dialog.js';
import { pagedTable } from '../../components/paged_table.js';
import { isBuiltInRole, roleHref, roleTypeLabel } from './role_kinds.js';

function roleCell(role) {
  return h(
    'span',
    { class: 'app-name-cell' },
    link(role.name, roleHref(role)),
    isBuiltInRole(role) ? badge(t('roles.builtin'), 'warn') : null,
  );
}

export async function heldRolesCard(holder, { onChange = () => {} } = {}) {
  let list;

  async function remove(role, btn) {
    const ok = await confirmDialog({
      title: t('held_roles.remove_title'),
      message: t('held_roles.remove_body', { role: role.name, holder: holder.name }),
      confirmLabel: t('ui.remove'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(`${holder.path}/${encodeURIComponent(role.id)}`);
      toast(t('held_roles.removed', { role: role.name, holder: holder.name }));
      await list.load();
      onChange();
    });
  }
  const columns = [
    { label: t('held_roles.col.role'), render: roleCell },
    { label: t('held_roles.col.type'), render: (r) => roleTypeLabel(r.type) },
    { label: t('held_roles.col.description'), render: (r) => r.description || '' },
    {
      label: t('role.col.actions'),
      class: 'cell-actions',
      render: (r) =>
        button(t('ui.remove'), (e) => remove(r, e.currentTarget), {
          kind: 'text',
          'aria-label': t('held_roles.remove_label', { role: r.name }),
        }),
    },
  ];

  list = pagedTable({
    fetch: (query) => get(holder.path, query),
    columns,
    caption: t('held_roles.title'),
    searchLabel: t('held_roles.search'),
    empty: () =>
      h(
        'p',
        { class: 'muted', 'data-testid': 'held-roles-empty' },
        t('held_roles.empty', { holder: holder.name }),
      ),
  });

  const assign = () =>
    openAssignDialog({
      title: t('held_roles.assign_title', { holder: holder.name }),
      subtitle: t('held_roles.assign_intro', { type: roleTypeLabel(holder.type) }),
      searchLabel: t('held_roles.search'),
      empty: t('held_roles.assign_empty'),
      submitLabel: t('held_roles.assign'),
      search: async (text) => {
        const query = { search: text, type: holder.type, page_size: 20, ...holder.exclude };
        return (await get('/roles', query)).data ?? [];
      },
      label: (r) => [
        h('strong', {}, r.name),
        r.description ? h('span', { class: 'muted small' }, ` ${r.description}`) : null,
      ],
      name: (r) => r.name,
      submit: async (ids) => {
        await post(holder.path, { roleIds: ids });
        toast(t('held_roles.assigned', { holder: holder.name }));
        await list.load(true);
        onChange();
      },
    });

  await list.load();
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row card-title-row' },
      h('h2', { class: 'card-title' }, t('held_roles.title')),
      h('span', { class: 'spacer' }),
      button(t('held_roles.assign'), assign, { kind: 'primary' }),
    ),
    h('p', { class: 'muted' }, t(holder.hint)),
    list.el,
  );
}
