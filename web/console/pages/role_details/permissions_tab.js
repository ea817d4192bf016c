// A role's Permissions tab: the scopes it grants with their API resource, "Assign permissions"
// (picked from the API resources, those it has already shown ticked) and Remove. A built-in
// role's permissions are listed only.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get, post } from '../../lib/api.js';
import {
  busy,
  button,
  confirmDialog,
  errorState,
  link,
  loading,
  modal,
  table,
  toast,
} from '../../lib/ui.js';
import { permissionPicker } from '../roles/permission_picker.js';

const resourceLink = (scope) =>
  scope.resource
    ? link(scope.resource.name, `/console/api-resources/${encodeURIComponent(scope.resource.id)}`)
    : '';

// "Assign permissions": the picker and its button, which shows how many are picked.
function openAssign(path, role, held, onDone) {
  const submit = button(t('role.perm.assign_submit'), null, { kind: 'primary', disabled: true });
  const picker = permissionPicker({
    type: role.type,
    held,
    onChange: (n) => {
      submit.disabled = n === 0;
      submit.textContent = n ? t('role.perm.assign_n', { n }) : t('role.perm.assign_submit');
    },
  });
  submit.addEventListener('click', async () => {
    const done = await busy(submit, async () => {
      await post(`${path}/scopes`, { scopeIds: picker.selected() });
      return true;
    });
    if (!done) return;
    m.close();
    toast(t('role.perm.assigned'));
    onDone();
  });
  const m = modal({
    title: t('role.perm.assign_title'),
    content: h(
      'div',
      { class: 'stack' },
      h('p', { class: 'muted' }, t('role.perm.assign_intro')),
      picker.el,
    ),
    actions: [button(t('ui.cancel'), () => m.close()), submit],
    wide: true,
  });
}

export async function permissionsTab(state, ctx, { builtIn }) {
  const path = `/roles/${encodeURIComponent(state.role.id)}`;
  const area = h('div', {}, loading());
  let scopes = [];

  async function remove(scope, btn) {
    const ok = await confirmDialog({
      title: t('role.perm.remove_title'),
      message: t('role.perm.remove_body', { name: scope.name }),
      confirmLabel: t('ui.remove'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(`${path}/scopes/${encodeURIComponent(scope.id)}`);
      toast(t('role.perm.removed', { name: scope.name }));
      await load();
    });
  }

  const columns = [
    { label: t('role.perm.col.name'), render: (s) => h('code', {}, s.name) },
    { label: t('role.perm.col.resource'), render: resourceLink },
    { label: t('role.perm.col.description'), render: (s) => s.description || '' },
  ];
  if (!builtIn) {
    columns.push({
      label: t('role.col.actions'),
      class: 'cell-actions',
      render: (s) =>
        button(t('ui.remove'), (e) => remove(s, e.currentTarget), {
          kind: 'text',
          'aria-label': t('role.perm.remove_label', { name: s.name }),
        }),
    });
  }

  async function load() {
    try {
      ({ data: scopes } = await get(`${path}/scopes`));
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    if (!scopes.length) {
      replace(
        area,
        h('p', { class: 'muted', 'data-testid': 'role-permissions-empty' }, t('role.perm.empty')),
      );
      return;
    }
    replace(area, table(columns, scopes, { caption: t('role.tab.permissions') }));
  }

  const assign = () => openAssign(path, state.role, new Set(scopes.map((s) => s.id)), load);
  await load();
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row card-title-row' },
      h('h2', { class: 'card-title' }, t('role.tab.permissions')),
      h('span', { class: 'spacer' }),
      builtIn ? null : button(t('role.perm.assign'), assign, { kind: 'primary' }),
    ),
    h('p', { class: 'muted' }, t('role.perm.hint')),
    area,
  );
}
