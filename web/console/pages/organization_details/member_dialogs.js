// The Members and Machine-to-machine apps tabs' dialogs: "Add members" / "Add applications"
// (search and pick, optionally with organization roles) and "Edit organization roles" of one
// member (PUT replaces its roles there).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post, put } from '../../lib/api.js';
import { busy, button, modal, toast } from '../../lib/ui.js';
import { openAssignDialog } from '../../components/assign_dialog.js';
import { roleChecks } from '../organizations/role_checks.js';

// `path`: /organizations/<id>/users or …/applications; onDone() after adding.
export function openAddMembers(how, path, org, onDone) {
  const k = how.key;
  const roles = roleChecks({ type: how.roleType, label: t(`org.${k}.add_roles`) });
  const extra = h(
    'div',
    { class: 'field' },
    h('span', { class: 'label' }, t(`org.${k}.add_roles`)),
    roles.el,
  );
  openAssignDialog({
    title: t(`org.${k}.add_title`, { name: org.name }),
    subtitle: t(`org.${k}.add_intro`),
    searchLabel: t(`org.${k}.add_search`),
    empty: t(`org.${k}.add_empty`),
    submitLabel: t(`org.${k}.add`),
    search: (text) => how.candidates(path, text),
    label: how.label,
    name: how.name,
    extra,
    submit: async (ids) => {
      await post(path, how.ids(ids));
      const organizationRoleIds = roles.selected();
      if (organizationRoleIds.length) {
        await post(`${path}/roles`, { ...how.ids(ids), organizationRoleIds });
      }
      toast(t(`org.${k}.added`));
      await onDone();
    },
  });
}

// `member`: a user or app with its organizationRoles; onDone() after saving.
export function openEditRoles(how, path, member, onDone) {
  const k = how.key;
  const held = (member.organizationRoles ?? []).map((r) => r.id);
  const roles = roleChecks({ type: how.roleType, held, label: t('org.roles_label') });
  const save = button(t('org.edit_roles_save'), null, { kind: 'primary' });
  save.addEventListener('click', async () => {
    const done = await busy(save, async () => {
      const memberPath = `${path}/${encodeURIComponent(member.id)}/roles`;
      await put(memberPath, { organizationRoleIds: roles.selected() });
      return true;
    });
    if (!done) return;
    m.close();
    toast(t('org.edit_roles_saved', { name: how.name(member) }));
    onDone();
  });
  const m = modal({
    title: t('org.edit_roles_title', { name: how.name(member) }),
    content: h(
      'div',
      { class: 'stack' },
      h('p', { class: 'muted' }, t(`org.${k}.roles_intro`)),
      roles.el,
    ),
    actions: [button(t('ui.cancel'), () => m.close()), save],
  });
  return m;
}
