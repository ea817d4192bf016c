// A role's Users tab (User roles) or Machine-to-machine apps tab (M2M roles): who holds the
// role, searchable and paged, with "Assign users" / "Assign machine-to-machine apps" and Remove.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get, post } from '../../lib/api.js';
import {
  busy,
  button,
  confirmDialog,
  errorState,
  loading,
  pager,
  table,
  textInput,
  toast,
} from '../../lib/ui.js';
import { openAssignDialog } from '../../components/assign_dialog.js';
import { KINDS } from './member_kinds.js';

const PAGE_SIZE = 20;
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
