// Audit logs: sign-ins, registrations, failed verifications and changes made through the
// management API, newest first, filtered by event, application and user. The filters and the
// page live in the URL (?logKey=&applicationId=&userId=&page=).
import { h, replace } from '../lib/dom.js';
import { formatTime, t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import {
  badge,
  button,
  emptyState,
  errorState,
  field,
  link,
  loading,
  pageHeader,
  pager,
  table,
  textInput,
} from '../lib/ui.js';

export const LOG_KEYS = [
  'Interaction.SignIn.Submit',
  'Interaction.Register.Submit',
  'Interaction.ForgotPassword.Submit',
  'Interaction.SignIn.Verification.Password',
  'Interaction.Verification.VerificationCode',
  'Interaction.SignIn.Verification.Social',
  'Management.POST',
  'Management.PATCH',
  'Management.PUT',
  'Management.DELETE',
];

const PAGE_SIZE = 20;

// The label of a log key (the key itself when it is not one we know).
export function eventLabel(key) {
  const label = t(`log.key.${key}`);
  return label === `log.key.${key}` ? key : label;
}

export function resultBadge(result) {
  if (result === 'Success') return badge(t('logs.success'), 'ok');
  if (result === 'Error') return badge(t('logs.error'), 'danger');
  return result ? badge(String(result)) : '';
}

// Every application's name by id (the audit log names applications by id).
export async function applicationNames() {
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

export default async function auditLogs(view, ctx) {
  ctx.setTitle(t('logs.title'));
  const filters = {
    logKey: ctx.query.get('logKey') ?? '',
    applicationId: ctx.query.get('applicationId') ?? '',
    userId: ctx.query.get('userId') ?? '',
  };
  const page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  const urlFor = (f, p = 1) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
    if (p > 1) q.set('page', String(p));
    const text = q.toString();
    return `/console/audit-logs${text ? `?${text}` : ''}`;
  };
  const go = (changes) => ctx.navigate(urlFor({ ...filters, ...changes }, 1));

  const names = await applicationNames();
  const eventSelect = h(
    'select',
    { class: 'input', name: 'logKey', onchange: (e) => go({ logKey: e.target.value }) },
    h('option', { value: '', selected: !filters.logKey }, t('logs.all_events')),
    LOG_KEYS.map((key) =>
      h('option', { value: key, selected: key === filters.logKey }, eventLabel(key)),
    ),
    filters.logKey && !LOG_KEYS.includes(filters.logKey)
      ? h('option', { value: filters.logKey, selected: true }, filters.logKey)
      : null,
  );
  const appSelect = h(
    'select',
    {
      class: 'input',
      name: 'applicationId',
      onchange: (e) => go({ applicationId: e.target.value }),
    },
    h('option', { value: '', selected: !filters.applicationId }, t('logs.all_apps')),
    [...names].map(([id, name]) =>
      h('option', { value: id, selected: id === filters.applicationId }, name),
    ),
    filters.applicationId && !names.has(filters.applicationId)
      ? h('option', { value: filters.applicationId, selected: true }, filters.applicationId)
      : null,
  );
  const userInput = textInput({
    name: 'userId',
    value: filters.userId,
    placeholder: t('logs.user_placeholder'),
    class: 'input mono',
  });
  const anyFilter = Object.values(filters).some(Boolean);
  const filterForm = h(
    'form',
    {
      class: 'filter-bar',
      role: 'search',
      'aria-label': t('logs.filters'),
      onsubmit: (e) => {
        e.preventDefault();
        go({ userId: userInput.value.trim() });
      },
    },
    field(t('logs.event'), eventSelect),
    field(t('logs.application'), appSelect),
    field(t('logs.user_id'), userInput),
    h(
      'div',
      { class: 'filter-actions' },
      button(t('logs.apply'), null, { kind: 'secondary', type: 'submit' }),
      anyFilter
        ? button(t('logs.reset'), () => ctx.navigate('/console/audit-logs'), { kind: 'text' })
        : null,
    ),
  );

  const area = h('div');
  view.append(pageHeader(t('logs.title'), { subtitle: t('logs.subtitle') }), filterForm, area);

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
      replace(
        area,
        anyFilter
          ? emptyState({
              title: t('logs.no_match_title'),
              text: t('logs.no_match_text'),
              action: button(t('logs.reset'), () => ctx.navigate('/console/audit-logs')),
            })
          : emptyState({ title: t('logs.empty_title'), text: t('logs.empty_text') }),
      );
      return;
    }
    const href = (log) => `/console/audit-logs/${encodeURIComponent(log.id)}`;
    replace(
      area,
      table(
        [
          {
            label: t('logs.col.event'),
            // The label is the row's link; a management change adds its method and path below.
            render: (log) =>
              h(
                'span',
                {},
                link(eventLabel(log.key), href(log)),
                log.payload?.path
                  ? h(
                      'span',
                      { class: 'log-sub mono' },
                      `${log.payload.method ?? ''} ${log.payload.path}`.trim(),
                    )
                  : null,
              ),
          },
          { label: t('logs.col.result'), render: (log) => resultBadge(log.payload?.result) },
          {
            label: t('logs.col.user'),
            render: (log) =>
              log.payload?.userId
                ? link(
                    log.payload.userId,
                    `/console/users/${encodeURIComponent(log.payload.userId)}`,
                    { class: 'mono' },
                  )
                : h('span', { class: 'muted' }, '—'),
          },
          {
            label: t('logs.col.application'),
            render: (log) => {
              const id = log.payload?.applicationId;
              if (!id) return h('span', { class: 'muted' }, '—');
              return names.get(id) ?? h('span', { class: 'mono' }, id);
            },
          },
          {
            label: t('logs.col.ip'),
            render: (log) =>
              log.payload?.ip
                ? h('span', { class: 'mono' }, log.payload.ip)
                : h('span', { class: 'muted' }, '—'),
          },
          { label: t('logs.col.time'), render: (log) => formatTime(log.createdAt) },
        ],
        list,
        { onOpen: (log) => ctx.navigate(href(log)), caption: t('logs.caption') },
      ),
      total > PAGE_SIZE
        ? pager({ page, pageSize: PAGE_SIZE, total, go: (p) => ctx.navigate(urlFor(filters, p)) })
        : null,
    );
  }
  await load();
}
