// What a configured email or SMS connector does, in a few lines (secrets only as set / not set).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { optionLabel } from './item_texts.js';
import { kindOf, localName } from './names.js';

// The rows [label key, value, literal?] of an SMTP connector.
function emailRows(connector, factory) {
  const c = connector.config ?? {};
  const security = factory?.formItems?.find((x) => x.key === 'security') ?? { key: 'security' };
  return [
    ['conn.sum.provider', localName(connector.name)],
    ['conn.sum.server', c.port ? `${c.host}:${c.port}` : c.host, true],
    ['conn.sum.security', c.security ? optionLabel(factory?.id, security, c.security) : ''],
    ['conn.sum.from', c.from, true],
    [
      'conn.sum.auth',
      c.username ? t('conn.sum.user', { user: c.username }) : t('conn.sum.no_auth'),
    ],
  ];
}

function smsRows(connector) {
  const c = connector.config ?? {};
  return [
    ['conn.sum.provider', localName(connector.name)],
    ['conn.sum.endpoint', c.url, true],
    ['conn.sum.sender', c.from, true],
    ['conn.sum.auth', c.authorization ? t('conn.sum.set') : t('conn.sum.not_set')],
  ];
}

export function slotSummary(connector, factory) {
  const kind = kindOf(connector);
  const rows = kind === 'Email' ? emailRows(connector, factory) : smsRows(connector);
  return h(
    'dl',
    { class: 'kv slot-summary', 'aria-label': t(`conn.summary.${kind}`) },
    rows.map(([label, value, literal]) => [
      h('dt', {}, t(label)),
      h('dd', { class: literal ? 'mono' : null }, value || '—'),
    ]),
  );
}
