// The Social tab: the social connectors in a table (whether the sign-in page shows each), or an
// empty state with "Add social connector".
import { h } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { badge, button, emptyState, table } from '../../lib/ui.js';
import { connectorName, kindOf } from './names.js';
import { openAddConnector } from './setup_dialog.js';

// `targets`: the sign-in page's social targets (null when unknown).
export function socialTab(ctx, { connectors, factories, targets }) {
  const social = connectors.filter((c) => kindOf(c) === 'Social');
  const socialFactories = factories.filter((f) => kindOf(f) === 'Social');
  const add = () => openAddConnector({ factories: socialFactories, navigate: ctx.navigate });
  if (!social.length) {
    return emptyState({
      title: t('conn.empty.title'),
      text: t('conn.empty.text'),
      action: button(t('conn.add_social'), add, { kind: 'primary' }),
    });
  }
  const usage = (c) =>
    targets?.includes(c.target)
      ? badge(t('conn.in_use'), 'ok')
      : h('span', { class: 'muted' }, t('conn.not_in_use'));
  const columns = [
    { label: t('conn.col.name'), render: (c) => connectorName(c) },
    { label: t('conn.col.id'), render: (c) => h('span', { class: 'mono' }, c.id) },
    { label: t('conn.col.usage'), render: usage },
    { label: t('conn.col.created'), render: (c) => formatTime(c.createdAt) },
  ];
  const href = (c) => `/console/connectors/social/${encodeURIComponent(c.id)}`;
  return table(columns, social, {
    href,
    onOpen: (c) => ctx.navigate(href(c)),
    caption: t('conn.tab.social'),
  });
}
