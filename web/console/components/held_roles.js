// The Roles tab of a user (User roles) or of a machine-to-machine app (M2M roles): the roles it
// holds, searchable and paged, "Assign roles" (offering only the roles of its type it does not
// hold, through GET /api/roles?excludeUserId= / excludeApplicationId=) and Remove.
// holder: { path: '/users/<id>/roles', type, exclude: { excludeUserId: id }, name }.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { del, get, post } from '../lib/api.js';
import {
  badge,
  busy,
  button,
  confirmDialog,
  errorState,
  link,
  loading,
  pager,
  table,
  textInput,
  toast,
} from '../lib/ui.js';
import { openAssignDialog } from './assign_dialog.js';
import { isBuiltInRole, roleHref, roleTypeLabel } from '../pages/roles/role_kinds.js';

const PAGE_SIZE = 20;

function roleCell(role) {
  return h(
    'span',
    { class: 'app-name-cell' },
    link(role.name, roleHref(role)),
    isBuiltInRole(role) ? badge(t('roles.builtin'), 'warn') : null,
  );
}

export async function heldRolesCard(holder, { onChange = () => {} } = {}) {
  const area = h('div', {}, loading());
  const searchInput = textInput({
    type: 'search',
    'aria-label': t('held_roles.search'),
    placeholder: t('held_roles.search'),
  });
  let page = 1;

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
      await load();
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

  async function load() {
    let result;
    try {
      const query = { search: searchInput.value.trim(), page, page_size: PAGE_SIZE };
      result = await get(holder.path, query);
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    const list = result.data ?? [];
    const total = result.total ?? list.length;
    if (!list.length && page > 1 && total > 0) {
      page = Math.max(1, Math.ceil(total / PAGE_SIZE));
      await load();
      return;
    }
    if (!list.length) {
      const none = t('held_roles.empty', { holder: holder.name });
      replace(area, h('p', { class: 'muted', 'data-testid': 'held-roles-empty' }, none));
      return;
    }
    const go = (p) => {
      page = p;
      load();
    };
    replace(
      area,
      table(columns, list, { caption: t('held_roles.title') }),
      total > PAGE_SIZE ? pager({ page, pageSize: PAGE_SIZE, total, go }) : null,
    );
  }

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
        page = 1;
        await load();
        onChange();
      },
    });

  let timer = null;
  searchInput.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      page = 1;
      load();
    }, 300);
  });
  await load();
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
    h('div', { class: 'toolbar', role: 'search' }, searchInput),
    area,
  );
}
