// The list of users: a table whose rows open the user, and what shows instead when it is empty.
import { h } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { badge, button, emptyState, link, table } from '../../lib/ui.js';
import { displayName } from './user_names.js';

export const userHref = (user) => `/console/users/${encodeURIComponent(user.id)}`;

// The first cell: an initial, the name as the row's link, the email and phone below it.
function userCell(user) {
  const sub = [user.primaryEmail, user.primaryPhone].filter(Boolean).join(' · ');
  const main = displayName(user);
  return h(
    'span',
    { class: 'user-cell' },
    h(
      'span',
      { class: 'user-avatar', 'aria-hidden': 'true' },
      String(main).slice(0, 1).toUpperCase(),
    ),
    h(
      'span',
      {},
      link(main, userHref(user), { class: 'user-main' }),
      sub && sub !== main ? h('span', { class: 'user-sub' }, sub) : null,
    ),
  );
}

function lastSignIn(user) {
  if (user.lastSignInAt) return formatTime(user.lastSignInAt);
  return h('span', { class: 'muted' }, t('users.never'));
}

export function userTable(users, { onOpen }) {
  const columns = [
    { label: t('users.col.user'), render: userCell },
    { label: t('users.col.id'), render: (u) => h('span', { class: 'mono' }, u.id) },
    {
      label: t('users.col.status'),
      render: (u) => (u.isSuspended ? badge(t('users.suspended'), 'danger') : ''),
    },
    { label: t('users.col.last_sign_in'), render: lastSignIn },
    { label: t('users.col.created'), render: (u) => formatTime(u.createdAt) },
  ];
  return table(columns, users, { onOpen, caption: t('users.caption') });
}

// No user at all (with "Add user"), or none matching `search` (with "Clear search").
export function noUsers({ search, onClear, onAdd }) {
  if (search) {
    return emptyState({
      title: t('users.no_results', { q: search }),
      text: t('users.no_results_text'),
      action: button(t('users.clear_search'), onClear),
    });
  }
  return emptyState({
    title: t('users.empty_title'),
    text: t('users.empty_text'),
    action: button(t('users.add'), onAdd, { kind: 'primary' }),
  });
}
