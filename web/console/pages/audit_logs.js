// Audit logs: sign-ins, registrations, failed verifications and changes made through the
// management API, newest first, filtered by event, application and user. The filters and the
// page live in the URL (?logKey=&applicationId=&userId=&page=).
import { h, replace } from '../lib/dom.js';
import { addStrings, formatTime, t } from '../lib/i18n.js';
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

addStrings({
  en: {
    'logs.title': 'Audit logs',
    'logs.subtitle':
      'What happened in this Latch: sign-ins, registrations, failed verifications and management changes',
    'logs.filters': 'Filters',
    'logs.event': 'Event',
    'logs.all_events': 'All events',
    'logs.application': 'Application',
    'logs.all_apps': 'All applications',
    'logs.user_id': 'User ID',
    'logs.user_placeholder': 'Filter by user ID',
    'logs.apply': 'Apply',
    'logs.reset': 'Reset filters',
    'logs.col.event': 'Event',
    'logs.col.result': 'Result',
    'logs.col.user': 'User',
    'logs.col.application': 'Application',
    'logs.col.ip': 'IP address',
    'logs.col.time': 'Time',
    'logs.success': 'Success',
    'logs.error': 'Error',
    'logs.caption': 'Audit log entries',
    'logs.empty_title': 'No audit log entries yet',
    'logs.empty_text':
      'Latch records every sign-in and registration, password resets, wrong passwords and codes, refused social sign-ins, and every change made through the management API (including this console). They will appear here.',
    'logs.no_match_title': 'No entries match these filters',
    'logs.no_match_text': 'Try another event or application, or clear the user ID.',
    'log.key.Interaction.SignIn.Submit': 'Sign in',
    'log.key.Interaction.Register.Submit': 'Register',
    'log.key.Interaction.ForgotPassword.Submit': 'Reset password',
    'log.key.Interaction.SignIn.Verification.Password': 'Wrong password',
    'log.key.Interaction.Verification.VerificationCode': 'Verification code failed',
    'log.key.Interaction.SignIn.Verification.Social': 'Social sign-in failed',
    'log.key.Management.POST': 'Management API change: create',
    'log.key.Management.PATCH': 'Management API change: update',
    'log.key.Management.PUT': 'Management API change: replace',
    'log.key.Management.DELETE': 'Management API change: delete',
  },
  ja: {
    'logs.title': '監査ログ',
    'logs.subtitle': 'この Latch で起きたこと：サインイン、登録、検証の失敗、管理 API による変更',
    'logs.filters': 'フィルター',
    'logs.event': 'イベント',
    'logs.all_events': 'すべてのイベント',
    'logs.application': 'アプリケーション',
    'logs.all_apps': 'すべてのアプリケーション',
    'logs.user_id': 'ユーザー ID',
    'logs.user_placeholder': 'ユーザー ID で絞り込む',
    'logs.apply': '適用',
    'logs.reset': 'フィルターをリセット',
    'logs.col.event': 'イベント',
    'logs.col.result': '結果',
    'logs.col.user': 'ユーザー',
    'logs.col.application': 'アプリケーション',
    'logs.col.ip': 'IP アドレス',
    'logs.col.time': '日時',
    'logs.success': '成功',
    'logs.error': 'エラー',
    'logs.caption': '監査ログのエントリー',
    'logs.empty_title': 'まだ監査ログはありません',
    'logs.empty_text':
      'Latch は、サインインと登録、パスワードのリセット、誤ったパスワードやコード、拒否されたソーシャルサインイン、そして管理 API（このコンソールを含む）による変更をすべて記録します。ここに表示されます。',
    'logs.no_match_title': 'フィルターに一致するエントリーはありません',
    'logs.no_match_text':
      '別のイベントやアプリケーションを選ぶか、ユーザー ID をクリアしてください。',
    'log.key.Interaction.SignIn.Submit': 'サインイン',
    'log.key.Interaction.Register.Submit': '登録',
    'log.key.Interaction.ForgotPassword.Submit': 'パスワードのリセット',
    'log.key.Interaction.SignIn.Verification.Password': 'パスワードの誤り',
    'log.key.Interaction.Verification.VerificationCode': '認証コードの失敗',
    'log.key.Interaction.SignIn.Verification.Social': 'ソーシャルサインインの失敗',
    'log.key.Management.POST': '管理 API による変更：作成',
    'log.key.Management.PATCH': '管理 API による変更：更新',
    'log.key.Management.PUT': '管理 API による変更：置換',
    'log.key.Management.DELETE': '管理 API による変更：削除',
  },
});

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
