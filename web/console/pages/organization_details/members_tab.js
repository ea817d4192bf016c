// An organization's Members tab (users) or Machine-to-machine apps tab: who belongs to it with
// their organization roles, searchable and paged; "Add members" / "Add applications" (with
// roles), "Edit organization roles" and Remove.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get } from '../../lib/api.js';
import { busy, button, confirmDialog, toast } from '../../lib/ui.js';
import { pagedTable } from '../../components/paged_table.js';
import { logtoQuery, roleBadges } from '../organizations/org_kinds.js';
import { openAddMembers, openEditRoles } from './member_dialogs.js';
import { KINDS } from './member_kinds.js';

export async function membersTab(state, ctx, { kind }) {
  const how = KINDS[kind];
  const k = how.key;
  const path = `/organizations/${encodeURIComponent(state.org.id)}/${how.segment}`;
  let list;

  async function remove(member, btn) {
    const ok = await confirmDialog({
      title: t(`org.${k}.remove_title`),
      message: t(`org.${k}.remove_body`, { name: how.name(member), org: state.org.name }),
      confirmLabel: t('ui.remove'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(`${path}/${encodeURIComponent(member.id)}`);
      toast(t(`org.${k}.removed`, { name: how.name(member) }));
      await list.load();
    });
  }
  const columns = [
    ...how.columns(),
    { label: t('org.col.roles'), render: (m) => roleBadges(m.organizationRoles) },
    {
      label: t('org.col.actions'),
      class: 'cell-actions',
      render: (m) => [
        button(t('org.edit_roles'), () => openEditRoles(how, path, m, () => list.load()), {
          kind: 'text',
          'aria-label': t('org.edit_roles_label', { name: how.name(m) }),
        }),
        button(t('ui.remove'), (e) => remove(m, e.currentTarget), {
          kind: 'text',
          'aria-label': t(`org.${k}.remove_label`, { name: how.name(m) }),
        }),
      ],
    },
  ];
  list = pagedTable({
    fetch: (query) => get(path, logtoQuery(query)),
    columns,
    caption: t(`org.tab.${kind}`),
    searchLabel: t(`org.${k}.search`),
    empty: () =>
      h('p', { class: 'muted', 'data-testid': 'org-members-empty' }, t(`org.${k}.empty`)),
  });
  const add = () => openAddMembers(how, path, state.org, () => list.load(true));
  await list.load();
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row card-title-row' },
      h('h2', { class: 'card-title' }, t(`org.tab.${kind}`)),
      h('span', { class: 'spacer' }),
      button(t(`org.${k}.add`), add, { kind: 'primary' }),
    ),
    list.el,
  );
}
