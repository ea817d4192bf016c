// The "Assigned" cell of a role: up to three featured users (their picture
// or initial) or apps (their initial), and the count.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { M2M } from './role_kinds.js';

const initial = (text) =>
  String(text || '?')
    .slice(0, 1)
    .toUpperCase();

// A featured user's picture when it is an http(s) address, else the initial of the name.
function avatar(f) {
  const title = f.name || f.id;
  if (/^https?:\/\//.test(f.avatar ?? '')) {
    return h('img', { class: 'user-avatar small', src: f.avatar, alt: '', title });
  }
  return h('span', { class: 'user-avatar small', title, 'aria-hidden': 'true' }, initial(title));
}

export function assignedCell(role) {
  const m2m = role.type === M2M;
  const featured = (m2m ? role.featuredApplications : role.featuredUsers) ?? [];
  const count = (m2m ? role.applicationsCount : role.usersCount) ?? 0;
  const label = m2m
    ? t(count === 1 ? 'roles.app_count' : 'roles.app_counts', { n: count })
    : t(count === 1 ? 'roles.user_count' : 'roles.user_counts', { n: count });
  return h(
    'span',
    { class: 'featured' },
    featured.map(avatar),
    h('span', { class: 'featured-count' }, label),
  );
}
