// A role's Users tab (User roles) or Machine-to-machine apps tab (M2M roles): who holds the
// role, searchable and paged, with "Assign users" / "Assign machine-to-machine apps" and Remove.
import { h, replace } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { del, get, post } from '../../lib/api.js';
import {
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
} from '../../lib/ui.js';
import { openAssignDialog } from '../../components/assign_dialog.js';
import { displayName } from '../users/user_names.js';
import { appHref } from '../applications/app_kinds.js';

const PAGE_SIZE = 20;
const userHref = (u) => `/console/users/${encodeURIComponent(u.id)}`;

// What differs between the two kinds of holder.
const KINDS = {
  users: {
    name: displayName,
    href: userHref,
    columns: () => [
      { label: t('role.users.col.user'), render: (u) => link(displayName(u), userHref(u)) },
      { label: t('role.users.col.id'), render: (u) => h('span', { class: 'mono' }, u.id) },
      {
        label: t('role.users.col.last_sign_in'),
        render: (u) => (u.lastSignInAt ? formatTime(u.lastSignInAt) : t('user.never')),
      },
    ],
    // Candidates: users matching the search, less those holding the role already.
    candidates: async (search, held) => {
      const { data } = await get('/users', { search, page_size: 20 });
      return (data ?? []).filter((u) => !held.has(u.id));
    },
    label: (u) => [displayName(u), h('span', { class: 'muted small mono' }, ` ${u.id}`)],
    body: (ids) => ({ userIds: ids }),
  },
  applications: {
    name: (a) => a.name,
    href: (a) => appHref(a.id),
    columns: () => [
      { label: t('role.apps.col.app'), render: (a) => link(a.name, appHref(a.id)) },
      { label: t('role.apps.col.id'), render: (a) => h('span', { class: 'mono' }, a.id) },
      { label: t('role.apps.col.description'), render: (a) => a.description || '' },
    ],
    // GET /api/applications has no search: the M2M apps are filtered here.
    candidates: async (search, held) => {
      const { data } = await get('/applications', { page_size: 100 });
      const q = search.toLowerCase();
      return (data ?? []).filter(
        (a) =>
          a.type === 'MachineToMachine' &&
          !held.has(a.id) &&
          [a.name, a.id, a.description].some((v) => (v ?? '').toLowerCase().includes(q)),
      );
    },
    label: (a) => [a.name, h('span', { class: 'muted small mono' }, ` ${a.id}`)],
    body: (ids) => ({ applicationIds: ids }),
  },
};

export async function membersTab(state, ctx, { kind }) {
  const how = KINDS[kind];
  const k = kind === 'users' ? 'users' : 'apps';
  const path = `/roles/${encodeURIComponent(state.role.id)}/${kind}`;
  const area = h('div', {}, loading());
  const searchInput = textInput({
    type: 'search',
    'aria-label': t(`role.${k}.search`),
    placeholder: t(`role.${k}.search`),
  });
  let page = 1;

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
      await load();
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

  async function load() {
    let result;
    try {
      result = await get(path, { search: searchInput.value.trim(), page, page_size: PAGE_SIZE });
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
      replace(
        area,
        h('p', { class: 'muted', 'data-testid': 'role-members-empty' }, t(`role.${k}.empty`)),
      );
      return;
    }
    const go = (p) => {
      page = p;
      load();
    };
    replace(
      area,
      table(columns, list, { caption: t(`role.tab.${kind}`) }),
      total > PAGE_SIZE ? pager({ page, pageSize: PAGE_SIZE, total, go }) : null,
    );
  }

  // The holders' ids (the first 100), so the dialog offers only the others.
  async function heldIds() {
    const { data } = await get(path, { page_size: 100 });
    return new Set((data ?? []).map((item) => item.id));
  }
  async function assign() {
    const held = await heldIds();
    openAssignDialog({
      title: t(`role.${k}.assign_title`, { name: state.role.name }),
      subtitle: t(`role.${k}.assign_intro`),
      searchLabel: t(`role.${k}.assign_search`),
      empty: t(`role.${k}.assign_empty`),
      submitLabel: t(`role.${k}.assign`),
      search: (text) => how.candidates(text, held),
      label: how.label,
      name: how.name,
      submit: async (ids) => {
        await post(path, how.body(ids));
        toast(t(`role.${k}.assigned`));
        page = 1;
        await load();
      },
    });
  }

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
      h('h2', { class: 'card-title' }, t(`role.tab.${kind}`)),
      h('span', { class: 'spacer' }),
      button(t(`role.${k}.assign`), assign, { kind: 'primary' }),
    ),
    h('div', { class: 'toolbar', role: 'search' }, searchInput),
    area,
  );
}
