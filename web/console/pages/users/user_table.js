// The list of users: a table whose rows open the user, and what shows instead when it is empty.
import { html } from '../../lib/view.js';
import { formatTime, t } from '../../lib/i18n.js';
import { Badge, Button, EmptyState, Link, Table } from '../../components/view_kit.js';
import { displayName } from './user_names.js';

export const userHref = (user) => `/console/users/${encodeURIComponent(user.id)}`;

// The first cell: an initial, the name as the row's link, the email and phone below it.
function UserCell({ user }) {
  const sub = [user.primaryEmail, user.primaryPhone].filter(Boolean).join(' · ');
  const main = displayName(user);
  return html`<span class="user-cell">
    <span class="user-avatar" aria-hidden="true">${String(main).slice(0, 1).toUpperCase()}</span>
    <span>
      <${Link} href=${userHref(user)} class="user-main">${main}<//>
      ${sub && sub !== main && html`<span class="user-sub">${sub}</span>`}
    </span>
  </span>`;
}

const lastSignIn = (user) =>
  user.lastSignInAt
    ? formatTime(user.lastSignInAt)
    : html`<span class="muted">${t('users.never')}</span>`;

const columns = () => [
  { label: t('users.col.user'), render: (u) => html`<${UserCell} user=${u} />` },
  { label: t('users.col.id'), render: (u) => html`<span class="mono">${u.id}</span>` },
  {
    label: t('users.col.status'),
    render: (u) => u.isSuspended && html`<${Badge} kind="danger">${t('users.suspended')}<//>`,
  },
  { label: t('users.col.last_sign_in'), render: lastSignIn },
  { label: t('users.col.created'), render: (u) => formatTime(u.createdAt) },
];

export function UserTable({ users, onOpen }) {
  return html`<${Table}
    columns=${columns()}
    rows=${users}
    onOpen=${onOpen}
    caption=${t('users.caption')}
  />`;
}

// No user at all (with "Add user"), or none matching `search` (with "Clear search").
export function NoUsers({ search, onClear, onAdd }) {
  if (search) {
    return html`<${EmptyState}
      title=${t('users.no_results', { q: search })}
      text=${t('users.no_results_text')}
      action=${html`<${Button} onClick=${onClear}>${t('users.clear_search')}<//>`}
    />`;
  }
  return html`<${EmptyState}
    title=${t('users.empty_title')}
    text=${t('users.empty_text')}
    action=${html`<${Button} kind="primary" onClick=${onAdd}>${t('users.add')}<//>`}
  />`;
}
