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
    // Candidates: users matching the search who do not hold the role (excludeRoleId).
    candidates: async (search, roleId) => {
      const { data } = await get('/users', { search, excludeRoleId: roleId, page_size: 20 });
      return data ?? [];
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
    // Candidates: machine-to-machine apps matching the search that do not hold the role.
    candidates: async (search, roleId) => {
      const { data } = await get('/applications', {
        search,
        excludeRoleId: roleId,
        page_size: 20,
      });
      return data ?? [];
    },
    label: (a) => [a.name, h('span', { class: 'muted small mono' }, ` ${a.id}`)],
    body: (ids) => ({ applicationIds: ids }),
  },
};
