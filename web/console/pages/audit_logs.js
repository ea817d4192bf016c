// Audit logs: sign-ins, registrations, failed verifications and changes made through the
// management API, tokens issued, newest first, filtered by event, application, result and user.
// The filters and the page live in the URL (?logKey=&applicationId=&result=&userId=&page=).
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { button, emptyState, errorState, loading, pageHeader, pager } from '../lib/ui.js';
import { filterBar } from './audit_logs/filter_bar.js';
import { logHref, logTable } from './audit_logs/log_table.js';

const PAGE_SIZE = 20;

// Every application's name by id (the audit log names applications by id).
async function applicationNames() {
  const names = new Map();
  try {
    for (let page = 1; page <= 10; page += 1) {
      const { data, total } = await get('/applications', { page, page_size: 100 });
      for (const app of data ?? []) names.set(app.id, app.name);
      if (!data?.length || names.size >= (total ?? 0)) break;
    }
  } catch {
    /* names are a nicety: ids still show */
  }
  return names;
}

function urlFor(filters, page = 1) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return `/console/audit-logs${text ? `?${text}` : ''}`;
}

// No entries: with filters, a way to reset them; without, what will show here.
function empty(anyFilter, reset) {
  if (!anyFilter) return emptyState({ title: t('logs.empty_title'), text: t('logs.empty_text') });
  return emptyState({
    title: t('logs.no_match_title'),
    text: t('logs.no_match_text'),
    action: button(t('logs.reset'), reset),
  });
}

export default async function auditLogs(view, ctx) {
  ctx.setTitle(t('logs.title'));
  const filters = {
    logKey: ctx.query.get('logKey') ?? '',
    applicationId: ctx.query.get('applicationId') ?? '',
    result: ctx.query.get('result') ?? '',
    userId: ctx.query.get('userId') ?? '',
  };
  const page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  const go = (changes) => ctx.navigate(urlFor({ ...filters, ...changes }, 1));
  const reset = () => ctx.navigate('/console/audit-logs');

  const names = await applicationNames();
  const area = h('div');
  view.append(
    pageHeader(t('logs.title'), { subtitle: t('logs.subtitle') }),
    filterBar(filters, names, { go, reset }),
    area,
  );

  async function load() {
    replace(area, loading());
    let result;
    try {
      result = await get('/logs', { ...filters, page, page_size: PAGE_SIZE });
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    const list = result.data ?? [];
    const total = result.total ?? list.length;
    if (!list.length) {
      replace(area, empty(Object.values(filters).some(Boolean), reset));
      return;
    }
    const toPage = (p) => ctx.navigate(urlFor(filters, p));
    replace(
      area,
      logTable(list, names, { onOpen: (log) => ctx.navigate(logHref(log)) }),
      total > PAGE_SIZE ? pager({ page, pageSize: PAGE_SIZE, total, go: toPage }) : null,
    );
  }
  await load();
}
