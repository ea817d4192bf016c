// A role's Users tab (User roles) or Machine-to-machine apps tab (M2M roles): who holds the
// role, searchable and paged, with "Assign users" / "Assign machine-to-machine apps" and Remove.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get, post } from '../../lib/api.js';
import { busy, button, confirmDialog, toast } from '../../lib/ui.js';
import { openAssignDialog } from '../../components/assign_dialog.js';
import { pagedTable } from '../../components/paged_table.js';
import { KINDS } from './member_kinds.js';

export async function membersTab(state, ctx, { kind }) {
  const how = KINDS[kind];
  const k = kind === 'users' ? 'users' : 'apps';
  const path = `/roles/${encodeURIComponent(state.role.id)}/${kind}`;
  let list;

  async function remove(item, btn) {
    const ok = await confirmDialog({
      title: t(`role.${k}.remove_title`),
      message: t(`role.${k}.remove_body`, { name: how.name(item), role: state.role.name }),
      confirmLabel: t('ui.remove'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(`${path}/${encodeURIComponent(item.id)}`);
      toast(t(`role.${k}.removed`, { name: how.name(item) }));
      await list.load();
    });
  }
  const columns = [
    ...how.columns(),
    {
      label: t('role.col.actions'),
      class: 'cell-actions',
      render: (item) =>
        button(t('ui.remove'), (e) => remove(item, e.currentTarget), {
          kind: 'text',
          'aria-label': t(`role.${k}.remove_label`, { name: how.name(item) }),
        }),
    },
  ];

  list = pagedTable({
    fetch: (query) => get(path, query),
    columns,
    caption: t(`role.tab.${kind}`),
    searchLabel: t(`role.${k}.search`),
    empty: () =>
      h('p', { class: 'muted', 'data-testid': 'role-members-empty' }, t(`role.${k}.empty`)),
  });

  function assign() {
    openAssignDialog({
      title: t(`role.${k}.assign_title`, { name: state.role.name }),
      subtitle: t(`role.${k}.assign_intro`),
      searchLabel: t(`role.${k}.assign_search`),
      empty: t(`role.${k}.assign_empty`),
      submitLabel: t(`role.${k}.assign`),
      search: (text) => how.candidates(text, state.role.id),
      label: how.label,
      name: how.name,
      submit: async (ids) => {
        await post(path, how.body(ids));
        toast(t(`role.${k}.assigned`));
        await list.load(true);
      },
    });
  }

  await list.load();
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row card-title-row' },
      h('h2', { class: 'card-title' }, t(`role.tab.${kind}`)),
      h('span', { class: 'spacer' }),
      button(t(`role.${k}.assign`), assign, { kind: 'primary' }),
    ),
    list.el,
  );
}
