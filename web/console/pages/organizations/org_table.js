// The list of organizations: name (the row's link) with its description, the id, and the members
// (up to three featured users and the count); and what shows instead when there is none.
import { h } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { button, emptyState, table } from '../../lib/ui.js';
import { orgHref } from './org_kinds.js';

const initial = (text) =>
  String(text || '?')
    .slice(0, 1)
    .toUpperCase();

function avatar(user) {
  const title = user.name || user.id;
  if (/^https?:\/\//.test(user.avatar ?? '')) {
    return h('img', { class: 'user-avatar small', src: user.avatar, alt: '', title });
  }
  return h('span', { class: 'user-avatar small', title, 'aria-hidden': 'true' }, initial(title));
}

function membersCell(org) {
  const n = org.usersCount ?? 0;
  return h(
    'span',
    { class: 'featured' },
    (org.featuredUsers ?? []).map(avatar),
    h(
      'span',
      { class: 'featured-count' },
      t(n === 1 ? 'orgs.member_count' : 'orgs.member_counts', { n }),
    ),
  );
}

function nameCell(org) {
  return h(
    'span',
    { class: 'stack-tight' },
    h('strong', {}, org.name),
    org.description ? h('span', { class: 'muted small' }, ` ${org.description}`) : null,
  );
}

export function orgTable(orgs, { onOpen }) {
  const columns = [
    { label: t('orgs.col.name'), render: nameCell },
    { label: t('orgs.col.id'), render: (o) => h('span', { class: 'mono' }, o.id) },
    { label: t('orgs.col.members'), render: membersCell },
    { label: t('orgs.col.created'), render: (o) => formatTime(o.createdAt) },
  ];
  return table(columns, orgs, { onOpen, href: (o) => orgHref(o), caption: t('orgs.title') });
}

export function noOrganizations({ search, onClear, onCreate }) {
  if (search) {
    return emptyState({
      title: t('orgs.no_results', { q: search }),
      action: button(t('orgs.clear_search'), onClear),
    });
  }
  return emptyState({
    title: t('orgs.empty_title'),
    text: t('orgs.empty_text'),
    action: button(t('orgs.create'), onCreate, { kind: 'primary' }),
  });
}
