// One audit log entry: its fields as a definition list (with links to the user and the
// application), and the raw JSON in a disclosure.
import { h } from '../lib/dom.js';
import { formatTime, known, t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { card, emptyState, link, pageHeader } from '../lib/ui.js';
import { eventLabel, resultBadge } from './audit_logs/log_texts.js';

function valueText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  // {type, value} identifiers read as "email: a@b.c".
  if (
    !Array.isArray(value) &&
    'type' in value &&
    'value' in value &&
    Object.keys(value).length === 2
  ) {
    return `${value.type}: ${value.value}`;
  }
  return JSON.stringify(value);
}

// The name of a payload field (the field itself when it is not one we know).
function label(key) {
  return known(`log.field.${key}`) ? t(`log.field.${key}`) : key;
}

export default async function auditLogDetails(view, ctx) {
  let log;
  try {
    ({ data: log } = await get(`/logs/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status === 404) {
      view.append(
        pageHeader(t('log.back'), { back: { label: t('log.back'), href: '/console/audit-logs' } }),
        emptyState({
          title: t('log.not_found'),
          action: link(t('log.back'), '/console/audit-logs'),
        }),
      );
      return;
    }
    throw error;
  }
  const payload = log.payload ?? {};
  const title = eventLabel(log.key);
  ctx.setTitle(title);

  let appName = null;
  if (payload.applicationId) {
    try {
      ({
        data: { name: appName },
      } = await get(`/applications/${encodeURIComponent(payload.applicationId)}`));
    } catch {
      appName = null; // deleted since: the id still shows
    }
  }

  const rows = [
    ['event', title],
    ['key', h('code', {}, log.key)],
    ['result', resultBadge(payload.result)],
    ['time', formatTime(log.createdAt)],
  ];
  if (payload.userId) {
    rows.push([
      'userId',
      h(
        'span',
        {},
        link(payload.userId, `/console/users/${encodeURIComponent(payload.userId)}`, {
          class: 'mono',
        }),
        ' · ',
        link(
          t('log.user_logs'),
          `/console/audit-logs?userId=${encodeURIComponent(payload.userId)}`,
        ),
      ),
    ]);
  }
  if (payload.applicationId) {
    rows.push([
      'applicationId',
      h(
        'span',
        {},
        link(
          appName ?? payload.applicationId,
          `/console/applications/${encodeURIComponent(payload.applicationId)}`,
        ),
        appName ? h('span', { class: 'muted mono small' }, ` (${payload.applicationId})`) : null,
      ),
    ]);
  }
  const shown = new Set(['key', 'result', 'userId', 'applicationId']);
  for (const [key, value] of Object.entries(payload)) {
    if (shown.has(key)) continue;
    const text = valueText(value);
    rows.push([
      key,
      key === 'ip' || key === 'path' || key === 'connectorId' ? h('code', {}, text) : text,
    ]);
  }
  rows.push(['id', h('code', {}, log.id)]);

  view.append(
    pageHeader(title, {
      back: { label: t('log.back'), href: '/console/audit-logs' },
      subtitle: h(
        'span',
        { class: 'badges' },
        resultBadge(payload.result),
        ' ',
        formatTime(log.createdAt),
      ),
    }),
    card(
      t('log.details'),
      h(
        'dl',
        { class: 'kv', 'data-testid': 'log-fields' },
        rows.map(([key, value]) => [h('dt', {}, label(key)), h('dd', {}, value)]),
      ),
    ),
    h(
      'details',
      { class: 'card raw' },
      h('summary', {}, t('log.raw')),
      h('pre', { class: 'code' }, JSON.stringify(log, null, 2)),
    ),
  );
}
