// What differs between an organization's two kinds of member: users (Members tab, User
// organization roles) and machine-to-machine apps (Machine-to-machine apps tab, M2M roles): the
// API path, the name, the link, the table's first columns, the candidates "Add" offers (those
// not members yet) and the bodies of the add and role calls.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { get } from '../../lib/api.js';
import { link } from '../../lib/ui.js';
import { appHref } from '../applications/app_kinds.js';
import { displayName } from '../users/user_names.js';
import { M2M, USER, logtoQuery } from '../organizations/org_kinds.js';

const userHref = (u) => `/console/users/${encodeURIComponent(u.id)}`;

// Ids of the members matching `search` (Logto's `q`), up to 100: left out of the candidates.
async function memberIds(path, search) {
  const { data } = await get(path, logtoQuery({ search, page: 1, page_size: 100 }));
  return new Set((data ?? []).map((m) => m.id));
}

export const KINDS = {
  members: {
    key: 'members',
    segment: 'users',
    roleType: USER,
    name: displayName,
    columns: () => [
      { label: t('org.members.col.user'), render: (u) => link(displayName(u), userHref(u)) },
      { label: t('org.members.col.id'), render: (u) => h('span', { class: 'mono' }, u.id) },
    ],
    candidates: async (path, search) => {
      const [found, members] = await Promise.all([
        get('/users', { search, page_size: 20 }),
        memberIds(path, search),
      ]);
      return (found.data ?? []).filter((u) => !members.has(u.id));
    },
    label: (u) => [displayName(u), h('span', { class: 'muted small mono' }, ` ${u.id}`)],
    ids: (ids) => ({ userIds: ids }),
  },
  'machine-to-machine': {
    key: 'apps',
    segment: 'applications',
    roleType: M2M,
    name: (a) => a.name,
    columns: () => [
      { label: t('org.apps.col.app'), render: (a) => link(a.name, appHref(a.id)) },
      { label: t('org.apps.col.id'), render: (a) => h('span', { class: 'mono' }, a.id) },
    ],
    // The list route has no type filter: machine-to-machine apps matching the search, here.
    candidates: async (path, search) => {
      const [found, members] = await Promise.all([
        get('/applications', { page_size: 100 }),
        memberIds(path, search),
      ]);
      const text = search.toLowerCase();
      return (found.data ?? []).filter(
        (a) =>
          a.type === M2M &&
          !members.has(a.id) &&
          (!text || a.name.toLowerCase().includes(text) || a.id.toLowerCase().includes(text)),
      );
    },
    label: (a) => [a.name, h('span', { class: 'muted small mono' }, ` ${a.id}`)],
    ids: (ids) => ({ applicationIds: ids }),
  },
};
