// How a role's Users and Machine-to-machine apps tabs show their holders: the name, the page,
// the table's columns, the candidates "Assign" offers and the POST body.
import { h } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { get } from '../../lib/api.js';
import { link } from '../../lib/ui.js';
import { appHref } from '../applications/app_kinds.js';
import { displayName } from '../users/user_names.js';

const userHref = (u) => `/console/users/${encodeURIComponent(u.id)}`;

// What differs between the two kinds of holder: users (User roles) and M2M apps.
export const KINDS = {
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
