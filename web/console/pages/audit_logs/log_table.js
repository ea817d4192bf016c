// The audit log entries in a table: event (the row's link, with a management change's method
// and path), result, user, application, IP address and time.
import { h } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { link, table } from '../../lib/ui.js';
import { eventLabel, resultBadge } from './log_texts.js';

export const logHref = (log) => `/console/audit-logs/${encodeURIComponent(log.id)}`;

const none = () => h('span', { class: 'muted' }, '—');

function eventCell(log) {
  const path = log.payload?.path;
  const change = `${log.payload?.method ?? ''} ${path}`.trim();
  return h(
    'span',
    {},
    link(eventLabel(log.key), logHref(log)),
    path ? h('span', { class: 'log-sub mono' }, change) : null,
  );
}

function userCell(log) {
  const id = log.payload?.userId;
  if (!id) return none();
  return link(id, `/console/users/${encodeURIComponent(id)}`, { class: 'mono' });
}

// `names`: every application's name by id.
export function logTable(list, names, { onOpen }) {
  const columns = [
    { label: t('logs.col.event'), render: eventCell },
    { label: t('logs.col.result'), render: (log) => resultBadge(log.payload?.result) },
    { label: t('logs.col.user'), render: userCell },
    {
      label: t('logs.col.application'),
      render: (log) => {
        const id = log.payload?.applicationId;
        if (!id) return none();
        return names.get(id) ?? h('span', { class: 'mono' }, id);
      },
    },
    {
      label: t('logs.col.ip'),
      render: (log) => (log.payload?.ip ? h('span', { class: 'mono' }, log.payload.ip) : none()),
    },
    { label: t('logs.col.time'), render: (log) => formatTime(log.createdAt) },
  ];
  return table(columns, list, { onOpen, caption: t('logs.caption') });
}
