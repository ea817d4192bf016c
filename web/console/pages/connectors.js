// Connectors: the social connectors (GitHub, Google, Microsoft, OIDC, OAuth 2.0) in a table with
// "Add social connector" (a modal: pick a kind, then its setup guide beside its configuration
// form), and the email and SMS connectors that send verification codes, with a test message.
// Also exports the configuration form the details page reuses.
import { h, replace, uid } from '../lib/dom.js';
import { addStrings, formatTime, lang, t } from '../lib/i18n.js';
import { del, get, post } from '../lib/api.js';
import { loadStatus } from '../lib/auth.js';
import {
  badge, busy, button, card, confirmDialog, emptyState, errorState, errorText, field, link, loading,
  modal, pageHeader, table, tabs, textInput, toast,
} from '../lib/ui.js';
import { connectorGuide } from './connector_guides.js';

addStrings({
  en: {
    'conn.title': 'Connectors',
    'conn.subtitle': 'Let people sign in with accounts they already have, and send them verification codes',
    'conn.tab.social': 'Social connectors',
    'conn.tab.passwordless': 'Email and SMS connectors',
    'conn.tabs': 'Connector types',
    'conn.add_social': 'Add social connector',
    'conn.col.name': 'Name',
    'conn.col.id': 'Connector ID',
    'conn.col.usage': 'Sign-in experience',
    'conn.col.created': 'Created',
    'conn.in_use': 'In use',
    'conn.not_in_use': 'Not in use',
    'conn.empty.title': 'No social connectors yet',
    'conn.empty.text': 'A social connector lets people sign in with an account they already have — GitHub, Google, Microsoft, or any OpenID Connect or OAuth 2.0 provider — as a “Continue with …” button on your sign-in page.',
    'conn.pick.title': 'Add social connector',
    'conn.pick.subtitle': 'Choose the provider your users sign in with',
    'conn.pick.empty': 'This Latch offers no social connectors.',
    'conn.setup.title': 'Add {name} connector',
    'conn.setup.guide': 'Setup guide',
    'conn.setup.config': 'Configuration',
    'conn.setup.back': 'Back',
    'conn.setup.save': 'Save and done',
    'conn.setup.created': '{name} connector added',
    'conn.sync_profile': 'Sync profile at each sign-in',
    'conn.sync_profile_hint': 'Refresh the user’s name and avatar from the provider every time they sign in (otherwise only at sign-up).',
    'conn.invalid_json': 'Enter valid JSON',
    'conn.secret_hint': 'Stored encrypted; shown as ******** — leave it to keep the current secret.',
    'conn.load_fields_failed': 'Could not load the connector kinds',
    'conn.email': 'Email connector',
    'conn.sms': 'SMS connector',
    'conn.email_text': 'Sends verification codes for passwordless sign-in, sign-up and password reset by email.',
    'conn.sms_text': 'Sends verification codes by text message.',
    'conn.not_set_up': 'Not set up',
    'conn.set_up': 'Set up',
    'conn.edit': 'Edit',
    'conn.remove': 'Remove',
    'conn.remove_title': 'Remove the {name} connector?',
    'conn.remove_body': 'People can no longer use it to sign in or receive codes. This cannot be undone.',
    'conn.removed': 'Connector removed',
    'conn.cli.title': 'Set up email and SMS with the command line',
    'conn.cli.text': 'This Latch configures its email (SMTP) and SMS (HTTP) connectors with the `latch` command on the server. Run one of these, then send a test message below.',
    'conn.cli.docs': 'See docs/experience.md (“Email (SMTP) and SMS”) for every option, TLS and message templates.',
    'conn.test.title': 'Send test message',
    'conn.test.text': 'Sends a verification code through the configured connector, so you can check that delivery works.',
    'conn.test.email': 'Email address',
    'conn.test.phone': 'Phone number',
    'conn.test.send': 'Send test message',
    'conn.test.sent': 'Test message sent to {to}',
    'conn.test.not_configured': 'No connector is configured for this yet.',
  },
  ja: {
    'conn.title': 'コネクター',
    'conn.subtitle': '既存のアカウントでのサインインと、認証コードの送信を設定します',
    'conn.tab.social': 'ソーシャルコネクター',
    'conn.tab.passwordless': 'メールと SMS コネクター',
    'conn.tabs': 'コネクターの種類',
    'conn.add_social': 'ソーシャルコネクターを追加',
    'conn.col.name': '名前',
    'conn.col.id': 'コネクター ID',
    'conn.col.usage': 'サインイン体験',
    'conn.col.created': '作成日時',
    'conn.in_use': '使用中',
    'conn.not_in_use': '未使用',
    'conn.empty.title': 'ソーシャルコネクターはまだありません',
    'conn.empty.text': 'ソーシャルコネクターを使うと、GitHub、Google、Microsoft、任意の OpenID Connect / OAuth 2.0 プロバイダーの既存アカウントで、サインインページの「… で続行」ボタンからサインインできます。',
    'conn.pick.title': 'ソーシャルコネクターを追加',
    'conn.pick.subtitle': 'ユーザーがサインインに使うプロバイダーを選択してください',
    'conn.pick.empty': 'この Latch にはソーシャルコネクターがありません。',
    'conn.setup.title': '{name} コネクターを追加',
    'conn.setup.guide': 'セットアップガイド',
    'conn.setup.config': '設定',
    'conn.setup.back': '戻る',
    'conn.setup.save': '保存して完了',
    'conn.setup.created': '{name} コネクターを追加しました',
    'conn.sync_profile': 'サインインのたびにプロフィールを同期する',
    'conn.sync_profile_hint': 'サインインのたびにプロバイダーから名前とアバターを更新します（オフの場合はサインアップ時のみ）。',
    'conn.invalid_json': '正しい JSON を入力してください',
    'conn.secret_hint': '暗号化して保存され、******** と表示されます。そのままにすると現在のシークレットが保持されます。',
    'conn.load_fields_failed': 'コネクターの種類を読み込めませんでした',
    'conn.email': 'メールコネクター',
    'conn.sms': 'SMS コネクター',
    'conn.email_text': 'パスワードレスのサインイン、サインアップ、パスワードリセット用の認証コードをメールで送信します。',
    'conn.sms_text': '認証コードを SMS で送信します。',
    'conn.not_set_up': '未設定',
    'conn.set_up': '設定',
    'conn.edit': '編集',
    'conn.remove': '削除',
    'conn.remove_title': '{name} コネクターを削除しますか？',
    'conn.remove_body': 'このコネクターでのサインインやコードの受信ができなくなります。この操作は元に戻せません。',
    'conn.removed': 'コネクターを削除しました',
    'conn.cli.title': 'コマンドラインでメールと SMS を設定する',
    'conn.cli.text': 'この Latch では、メール (SMTP) と SMS (HTTP) のコネクターをサーバー上の `latch` コマンドで設定します。次のいずれかを実行してから、下でテストメッセージを送信してください。',
    'conn.cli.docs': 'すべてのオプション、TLS、メッセージテンプレートについては docs/experience.md（「Email (SMTP) and SMS」）を参照してください。',
    'conn.test.title': 'テストメッセージを送信',
    'conn.test.text': '設定済みのコネクターで認証コードを送信し、配信できることを確認します。',
    'conn.test.email': 'メールアドレス',
    'conn.test.phone': '電話番号',
    'conn.test.send': 'テストメッセージを送信',
    'conn.test.sent': '{to} にテストメッセージを送信しました',
    'conn.test.not_configured': 'まだコネクターが設定されていません。',
  },
});

// The connector's kind: the API adds `type` (Social, Email, Sms); older servers list only social.
export const kindOf = (x) => x?.type ?? 'Social';
export const kindPath = (x) => (kindOf(x) === 'Social' ? 'social' : 'passwordless');

export function localName(name) {
  if (!name) return '';
  if (typeof name === 'string') return name;
  return name[lang()] ?? name.en ?? Object.values(name)[0] ?? '';
}

// What people see on the button: the generic kinds carry their own display name and target.
export function connectorName(c) {
  const base = localName(c.name);
  if (c.isStandard || c.connectorId === 'oidc' || c.connectorId === 'oauth2') {
    const own = c.config?.displayName || c.target;
    if (own && own !== c.connectorId) return `${own} (${base})`;
  }
  return base;
}

export async function endpoint() {
  try {
    return (await loadStatus()).endpoint.replace(/\/+$/, '');
  } catch {
    return window.location.origin;
  }
}

function isTrue(value) {
  return value === true || value === 'true';
}

// The configuration form of a factory's formItems. `config` holds the current values (editing)
// or nothing (adding: the defaults). Returns { el, values(), validate(), showError(error),
// onInput(fn) }. Secrets are password inputs; an edited secret shows ******** and sending that
// back keeps the stored one.
export function configForm(formItems, config, { editing = false, syncProfile } = {}) {
  const fields = new Map();
  const listeners = [];
  const changed = () => listeners.forEach((fn) => fn());
  const controls = (formItems ?? []).map((item) => {
    const current = config && item.key in config ? config[item.key] : item.defaultValue;
    const name = `config-${item.key}`;
    let input;
    if (item.type === 'boolean') {
      const id = uid('cfg');
      input = h('input', { type: 'checkbox', id, name, checked: isTrue(current), onchange: changed });
      const wrap = h(
        'div',
        { class: 'field' },
        h('label', { class: 'check', for: id }, input, item.label),
        item.description ? h('p', { class: 'hint' }, item.description) : null,
      );
      wrap.setError = () => {};
      wrap.input = input;
      fields.set(item.key, { item, wrap, read: () => input.checked });
      return wrap;
    }
    if (item.type === 'select') {
      input = h(
        'select',
        { class: 'input', name, onchange: changed },
        item.required ? null : h('option', { value: '' }, '—'),
        (item.selectItems ?? []).map((v) => {
          const value = typeof v === 'object' ? v.value : v;
          return h('option', { value, selected: String(current ?? '') === String(value) }, typeof v === 'object' ? v.title ?? value : value);
        }),
      );
    } else if (item.type === 'multiline' || item.type === 'json') {
      const text = item.type === 'json' && current !== undefined && current !== null && typeof current !== 'string'
        ? JSON.stringify(current, null, 2)
        : current ?? '';
      input = h('textarea', { class: item.type === 'json' ? 'input mono' : 'input', name, rows: item.type === 'json' ? '4' : '2', oninput: changed });
      input.value = text;
    } else {
      input = textInput({
        name,
        type: item.isSecret ? 'password' : 'text',
        autocomplete: item.isSecret ? 'new-password' : 'off',
        inputmode: item.type === 'url' ? 'url' : null,
        spellcheck: 'false',
        value: current ?? '',
        placeholder: item.type === 'url' && item.defaultValue ? item.defaultValue : null,
        oninput: changed,
      });
    }
    const hint = [item.description, item.isSecret && editing ? t('conn.secret_hint') : ''].filter(Boolean).join(' ');
    const wrap = field(item.label || item.key, input, { required: Boolean(item.required), hint: hint || undefined });
    wrap.dataset.key = item.key;
    fields.set(item.key, {
      item,
      wrap,
      read: () => {
        const raw = input.value;
        if (item.type === 'json') {
          if (!raw.trim()) return undefined;
          return JSON.parse(raw);
        }
        return item.type === 'multiline' ? raw.trim().replace(/\s+/g, ' ') : raw.trim();
      },
    });
    return wrap;
  });
  let syncBox = null;
  if (syncProfile !== undefined) {
    const id = uid('sync');
    syncBox = h('input', { type: 'checkbox', id, name: 'syncProfile', checked: Boolean(syncProfile), onchange: changed });
    controls.push(h(
      'div',
      { class: 'field' },
      h('label', { class: 'check', for: id }, syncBox, t('conn.sync_profile')),
      h('p', { class: 'hint' }, t('conn.sync_profile_hint')),
    ));
  }
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const el = h('div', { class: 'stack config-form' }, controls, formError);

  function clear() {
    formError.hidden = true;
    for (const f of fields.values()) f.wrap.setError('');
  }
  return {
    el,
    onInput: (fn) => listeners.push(fn),
    get syncProfile() {
      return syncBox ? syncBox.checked : undefined;
    },
    // Marks empty required fields and bad JSON; true when the form can be sent.
    validate() {
      clear();
      let first = null;
      for (const { item, wrap, read } of fields.values()) {
        let value;
        try {
          value = read();
        } catch {
          wrap.setError(t('conn.invalid_json'));
          first ??= wrap.input;
          continue;
        }
        if (item.required && (value === undefined || value === '')) {
          wrap.setError(t('ui.required'));
          first ??= wrap.input;
        }
      }
      first?.focus();
      return !first;
    },
    // The configuration to send. Adding leaves empty optional fields out (the defaults apply).
    values() {
      const out = {};
      for (const [key, { item, read }] of fields) {
        const value = read();
        if (value === undefined) continue;
        if (!editing && value === '' && !item.required) continue;
        out[key] = value;
      }
      return out;
    },
    // An API error next to the field it names ("clientSecret is required"), else above the form.
    showError(error) {
      clear();
      const message = errorText(error);
      const named = /^([A-Za-z][\w.]*)\b/.exec(message)?.[1];
      const target = named && fields.get(named.split('.').pop());
      if (target && target.item.type !== 'boolean') {
        target.wrap.setError(message);
        target.wrap.input.focus();
      } else {
        formError.textContent = message;
        formError.hidden = false;
      }
    },
  };
}

// A monogram tile of a connector kind (no remote logos: the CSP allows data: images, but a
// letter is enough and always legible).
function monogram(name) {
  return h('span', { class: 'connector-mono', 'aria-hidden': 'true' }, (name || '?').slice(0, 1).toUpperCase());
}

// The setup step: the guide on the left, the form on the right, "Save and done".
async function setupStep(m, factory, { navigate, back }) {
  const base = await endpoint();
  const name = localName(factory.name);
  m.root.querySelector('.modal-head h2').textContent = t('conn.setup.title', { name });
  const guide = connectorGuide(factory.id, { endpoint: base, callback: `${base}/callback/\${connector_id}` }, factory.readme);
  const form = configForm(factory.formItems, null, { syncProfile: kindOf(factory) === 'Social' ? false : undefined });
  const save = button(t('conn.setup.save'), null, { kind: 'primary', type: 'submit' });
  const el = h(
    'form',
    {
      class: 'connector-setup',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        if (!form.validate()) return;
        const body = { connectorId: factory.id, config: form.values() };
        if (form.syncProfile !== undefined) body.syncProfile = form.syncProfile;
        save.disabled = true;
        try {
          const { data } = await post('/connectors', body);
          m.close();
          toast(t('conn.setup.created', { name }));
          navigate(`/console/connectors/${kindPath(data ?? factory)}/${encodeURIComponent(data.id)}`);
        } catch (error) {
          form.showError(error);
        } finally {
          save.disabled = false;
        }
      },
    },
    h(
      'div',
      { class: 'connector-setup-cols' },
      guide ? h('section', { class: 'connector-setup-guide', 'aria-label': t('conn.setup.guide') }, h('h3', {}, t('conn.setup.guide')), guide) : null,
      h('section', { class: 'connector-setup-form', 'aria-label': t('conn.setup.config') }, h('h3', {}, t('conn.setup.config')), form.el),
    ),
    h('div', { class: 'row connector-setup-actions' }, back ? button(t('conn.setup.back'), back) : null, h('span', { class: 'spacer' }), save),
  );
  replace(m.body, el);
  el.querySelector('input,select,textarea')?.focus();
}

// Opens "Add social connector" (or the setup of one factory when `factory` is given).
export function openAddConnector({ factories, navigate, factory, title = t('conn.pick.title') }) {
  const m = modal({ title, content: [], wide: true });
  const showList = () => {
    m.root.querySelector('.modal-head h2').textContent = title;
    replace(
      m.body,
      h('p', { class: 'muted' }, t('conn.pick.subtitle')),
      factories.length
        ? h(
          'div',
          { class: 'framework-grid' },
          factories.map((f) => h(
            'button',
            { type: 'button', class: 'framework-card', 'data-factory': f.id, onclick: () => setupStep(m, f, { navigate, back: showList }) },
            monogram(localName(f.name)),
            h('span', {}, h('span', { class: 'framework-name' }, localName(f.name)), h('span', { class: 'framework-desc' }, f.isStandard ? f.id : f.platform ?? '')),
          )),
        )
        : h('p', {}, t('conn.pick.empty')),
    );
    m.body.querySelector('button')?.focus();
  };
  if (factory) setupStep(m, factory, { navigate, back: factories.length > 1 ? showList : null });
  else showList();
  return m;
}

async function removeConnector(c, after) {
  const ok = await confirmDialog({
    title: t('conn.remove_title', { name: connectorName(c) }),
    message: t('conn.remove_body'),
    confirmLabel: t('conn.remove'),
  });
  if (!ok) return;
  try {
    await del(`/connectors/${encodeURIComponent(c.id)}`);
    toast(t('conn.removed'));
    after();
  } catch (error) {
    toast(errorText(error), 'error');
  }
}

function socialTab(ctx, { connectors, factories, targets }) {
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
  const href = (c) => `/console/connectors/social/${encodeURIComponent(c.id)}`;
  return table(
    [
      { label: t('conn.col.name'), render: (c) => connectorName(c) },
      { label: t('conn.col.id'), render: (c) => h('span', { class: 'mono' }, c.id) },
      {
        label: t('conn.col.usage'),
        render: (c) => (targets?.includes(c.target) ? badge(t('conn.in_use'), 'ok') : h('span', { class: 'muted' }, t('conn.not_in_use'))),
      },
      { label: t('conn.col.created'), render: (c) => formatTime(c.createdAt) },
    ],
    social,
    { href, onOpen: (c) => ctx.navigate(href(c)), caption: t('conn.tab.social') },
  );
}

function testForm(kind) {
  const email = kind === 'email';
  const input = textInput({ type: email ? 'email' : 'tel', name: email ? 'test-email' : 'test-phone', autocomplete: 'off', placeholder: email ? 'you@example.com' : '+81 90 1234 5678' });
  const f = field(t(email ? 'conn.test.email' : 'conn.test.phone'), input);
  const send = button(t('conn.test.send'), null, { kind: 'secondary', type: 'submit' });
  return h(
    'form',
    {
      class: 'test-message stack',
      novalidate: true,
      dataset: { kind },
      onsubmit: async (e) => {
        e.preventDefault();
        f.setError('');
        const to = input.value.trim();
        if (!to) {
          f.setError(t('ui.required'));
          input.focus();
          return;
        }
        send.disabled = true;
        try {
          await post(email ? '/connectors/smtp/test' : '/connectors/http-sms/test', email ? { email: to } : { phone: to });
          toast(t('conn.test.sent', { to }));
        } catch (error) {
          f.setError(error.status === 404 ? `${t('conn.test.not_configured')} ${errorText(error)}` : errorText(error));
        } finally {
          send.disabled = false;
        }
      },
    },
    f,
    h('div', {}, send),
  );
}

function passwordlessTab(ctx, { connectors, factories }, reload) {
  const slots = [
    { type: 'Email', title: t('conn.email'), text: t('conn.email_text'), test: 'email' },
    { type: 'Sms', title: t('conn.sms'), text: t('conn.sms_text'), test: 'sms' },
  ];
  const apiKnows = factories.some((f) => kindOf(f) !== 'Social');
  const parts = [];
  if (apiKnows) {
    parts.push(h('div', { class: 'grid-2' }, slots.map((slot) => {
      const configured = connectors.find((c) => kindOf(c) === slot.type);
      const kinds = factories.filter((f) => kindOf(f) === slot.type);
      let body;
      if (configured) {
        const href = `/console/connectors/passwordless/${encodeURIComponent(configured.id)}`;
        body = [
          h('p', {}, h('strong', {}, link(connectorName(configured), href)), ' ', badge(t('conn.in_use'), 'ok')),
          h('p', { class: 'muted small mono' }, configured.id),
          h('div', { class: 'row' }, link(t('conn.edit'), href, { class: 'btn btn-secondary' }), button(t('conn.remove'), () => removeConnector(configured, reload), { kind: 'text' })),
        ];
      } else {
        body = [
          h('p', {}, badge(t('conn.not_set_up'))),
          kinds.length
            ? button(t('conn.set_up'), () => openAddConnector({ factories: kinds, navigate: ctx.navigate, factory: kinds.length === 1 ? kinds[0] : undefined, title: slot.title }), { kind: 'primary', 'aria-label': `${t('conn.set_up')}: ${slot.title}` })
            : null,
        ];
      }
      return h('section', { class: 'card slot', 'aria-label': slot.title, dataset: { slot: slot.type } }, h('h2', { class: 'card-title' }, slot.title), h('p', { class: 'muted' }, slot.text), body);
    })));
  } else {
    const cmd = (text) => h('pre', { class: 'code' }, h('code', {}, text));
    parts.push(card(
      t('conn.cli.title'),
      h('p', {}, t('conn.cli.text').replaceAll('`', '')),
      h('h3', {}, t('conn.email')),
      cmd("latch email set-smtp --host smtp.example.com --port 587 --security starttls \\\n  --username apikey --password '…' --from 'Bookstore <no-reply@example.com>'"),
      h('h3', {}, t('conn.sms')),
      cmd("latch sms set-http --url https://sms.example.com/send --authorization 'Bearer …' --from Latch"),
      h('p', { class: 'muted small' }, t('conn.cli.docs')),
    ));
  }
  parts.push(card(
    t('conn.test.title'),
    h('p', { class: 'muted' }, t('conn.test.text')),
    h('div', { class: 'grid-2' }, testForm('email'), testForm('sms')),
  ));
  return parts;
}

export default async function connectorsPage(view, ctx) {
  const kind = ctx.params.kind;
  if (kind !== 'social' && kind !== 'passwordless') {
    ctx.navigate('/console/connectors/social', { replace: true });
    return undefined;
  }
  ctx.setTitle(`${t(`conn.tab.${kind}`)} · ${t('conn.title')}`);
  const body = h('div', { class: 'connectors-body' }, loading());
  const header = pageHeader(t('conn.title'), { subtitle: t('conn.subtitle') });
  view.append(
    header,
    tabs([
      { label: t('conn.tab.social'), href: '/console/connectors/social', active: kind === 'social' },
      { label: t('conn.tab.passwordless'), href: '/console/connectors/passwordless', active: kind === 'passwordless' },
    ], t('conn.tabs')),
    body,
  );
  const actions = header.querySelector('.actions');

  async function load() {
    replace(body, loading());
    replace(actions);
    let connectors;
    let factories;
    let targets = null;
    try {
      const [c, f, exp] = await Promise.all([
        get('/connectors'),
        get('/connector-factories'),
        get('/sign-in-exp').catch(() => null),
      ]);
      connectors = c.data ?? [];
      factories = f.data ?? [];
      targets = exp?.data?.socialSignInConnectorTargets ?? null;
    } catch (error) {
      replace(body, errorState(error, load));
      return;
    }
    const data = { connectors, factories, targets };
    if (kind === 'social') {
      const socialFactories = factories.filter((x) => kindOf(x) === 'Social');
      if (connectors.some((x) => kindOf(x) === 'Social')) {
        replace(actions, button(t('conn.add_social'), () => openAddConnector({ factories: socialFactories, navigate: ctx.navigate }), { kind: 'primary' }));
      }
      replace(body, socialTab(ctx, data));
    } else {
      replace(body, passwordlessTab(ctx, data, load));
    }
  }
  await load();
  return () => document.querySelectorAll('.overlay').forEach((o) => o.remove());
}
