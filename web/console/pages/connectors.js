// Connectors: the social connectors (GitHub, Google, Microsoft, OIDC, OAuth 2.0) in a table with
// "Add social connector" (a modal: pick a kind, then its setup guide beside its configuration
// form), and the email and SMS connectors that send verification codes, with a test message.
// Also exports the configuration form the details page reuses.
import { h, replace, uid } from '../lib/dom.js';
import { addStrings, formatTime, lang, t } from '../lib/i18n.js';
import { del, get, patch, post } from '../lib/api.js';
import { loadStatus } from '../lib/auth.js';
import {
  badge,
  button,
  confirmDialog,
  emptyState,
  errorState,
  errorText,
  field,
  loading,
  modal,
  pageHeader,
  table,
  tabs,
  textInput,
  toast,
} from '../lib/ui.js';
import { connectorGuide } from './connector_guides.js';

addStrings({
  en: {
    'conn.title': 'Connectors',
    'conn.subtitle':
      'Let people sign in with accounts they already have, and send them verification codes',
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
    'conn.empty.text':
      'A social connector lets people sign in with an account they already have — GitHub, Google, Microsoft, or any OpenID Connect or OAuth 2.0 provider — as a “Continue with …” button on your sign-in page.',
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
    'conn.sync_profile_hint':
      'Refresh the user’s name and avatar from the provider every time they sign in (otherwise only at sign-up).',
    'conn.invalid_json': 'Enter valid JSON',
    'conn.secret_hint':
      'Stored encrypted; shown as ******** — leave it to keep the current secret.',
    'conn.email': 'Email connector',
    'conn.sms': 'SMS connector',
    'conn.email_text':
      'Sends verification codes for passwordless sign-in, sign-up and password reset by email.',
    'conn.sms_text': 'Sends verification codes by text message.',
    'conn.not_set_up': 'Not set up',
    'conn.set_up': 'Set up',
    'conn.edit': 'Edit',
    'conn.remove': 'Remove',
    'conn.remove_title': 'Remove the {name} connector?',
    'conn.removed': 'Connector removed',
    'conn.test.title': 'Send test message',
    'conn.test.text':
      'Sends a message through this connector, so you can check that delivery works.',
    'conn.test.email': 'Email address',
    'conn.test.phone': 'Phone number',
    'conn.test.send': 'Send test message',
    'conn.test.sent': 'Test message sent to {to}',
    'conn.test.invalid_email': 'Enter an email address',
    'conn.configured': 'Configured',
    'conn.setup.Email': 'Set up email connector (SMTP)',
    'conn.setup.Sms': 'Set up SMS connector (HTTP)',
    'conn.edit.Email': 'Edit email connector (SMTP)',
    'conn.edit.Sms': 'Edit SMS connector (HTTP)',
    'conn.save_changes': 'Save changes',
    'conn.saved': 'Changes saved',
    'conn.remove_body.Email':
      'Latch stops sending codes by email: sign-in, sign-up and password reset with an email code stop working until you set an email connector up again.',
    'conn.remove_body.Sms':
      'Latch stops sending codes by text message: sign-in, sign-up and password reset with an SMS code stop working until you set an SMS connector up again.',
    'conn.summary.Email': 'Email connector settings',
    'conn.summary.Sms': 'SMS connector settings',
    'conn.sum.provider': 'Provider',
    'conn.sum.server': 'Server',
    'conn.sum.security': 'Security',
    'conn.sum.from': 'From',
    'conn.sum.endpoint': 'Endpoint',
    'conn.sum.sender': 'Sender id',
    'conn.sum.auth': 'Authentication',
    'conn.sum.user': 'Signs in as {user}',
    'conn.sum.no_auth': 'No sign-in',
    'conn.sum.set': 'Set',
    'conn.sum.not_set': 'Not set',
    'conn.f.smtp.host': 'Host',
    'conn.f.smtp.host.hint': 'The SMTP server, e.g. smtp.sendgrid.net',
    'conn.f.smtp.port': 'Port',
    'conn.f.smtp.port.hint': '587 for STARTTLS, 465 for implicit TLS',
    'conn.f.smtp.security': 'Security',
    'conn.f.smtp.security.hint': 'How the connection to the server is encrypted',
    'conn.f.smtp.security.starttls': 'STARTTLS (required)',
    'conn.f.smtp.security.tls': 'TLS (implicit)',
    'conn.f.smtp.security.none': 'None (unencrypted)',
    'conn.f.smtp.username': 'Username',
    'conn.f.smtp.username.hint': 'Leave empty if the server does not ask for a sign-in',
    'conn.f.smtp.password': 'Password',
    'conn.f.smtp.password.hint':
      'Often an API key or an app password rather than an account password.',
    'conn.f.smtp.from': 'From',
    'conn.f.smtp.from.hint':
      'The sender, e.g. Bookstore <no-reply@example.com>; your provider must allow it',
    'conn.f.smtp.verifyCertificate': 'Verify the server’s TLS certificate',
    'conn.f.smtp.verifyCertificate.hint':
      'Turn this off only for a test server with a self-signed certificate.',
    'conn.f.smtp.caFile': 'CA file',
    'conn.f.smtp.caFile.hint':
      'Optional: the path on the Latch server of an extra trusted CA certificate (PEM)',
    'conn.f.smtp.templates': 'Templates',
    'conn.f.smtp.templates.hint':
      'Optional JSON: {"en": {"SignIn": {"subject": "…", "body": "… {code} …"}}} per language (en, ja) and purpose (SignIn, Register, ForgotPassword); {code} and {app} are replaced.',
    'conn.f.sms.url': 'Endpoint',
    'conn.f.sms.url.hint': 'Latch POSTs {"to", "from", "text"} JSON to this URL',
    'conn.f.sms.authorization': 'Authorization header',
    'conn.f.sms.authorization.hint':
      'Optional: sent as the Authorization header, e.g. Bearer <token>.',
    'conn.f.sms.from': 'Sender id',
    'conn.f.sms.from.hint': 'Optional: a sender name or number registered with your provider',
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
    'conn.empty.text':
      'ソーシャルコネクターを使うと、GitHub、Google、Microsoft、任意の OpenID Connect / OAuth 2.0 プロバイダーの既存アカウントで、サインインページの「… で続行」ボタンからサインインできます。',
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
    'conn.sync_profile_hint':
      'サインインのたびにプロバイダーから名前とアバターを更新します（オフの場合はサインアップ時のみ）。',
    'conn.invalid_json': '正しい JSON を入力してください',
    'conn.secret_hint':
      '暗号化して保存され、******** と表示されます。そのままにすると現在のシークレットが保持されます。',
    'conn.email': 'メールコネクター',
    'conn.sms': 'SMS コネクター',
    'conn.email_text':
      'パスワードレスのサインイン、サインアップ、パスワードリセット用の認証コードをメールで送信します。',
    'conn.sms_text': '認証コードを SMS で送信します。',
    'conn.not_set_up': '未設定',
    'conn.set_up': '設定',
    'conn.edit': '編集',
    'conn.remove': '削除',
    'conn.remove_title': '{name} コネクターを削除しますか？',
    'conn.removed': 'コネクターを削除しました',
    'conn.test.title': 'テストメッセージを送信',
    'conn.test.text': 'このコネクターでメッセージを送信し、配信できることを確認します。',
    'conn.test.email': 'メールアドレス',
    'conn.test.phone': '電話番号',
    'conn.test.send': 'テストメッセージを送信',
    'conn.test.sent': '{to} にテストメッセージを送信しました',
    'conn.test.invalid_email': 'メールアドレスを入力してください',
    'conn.configured': '設定済み',
    'conn.setup.Email': 'メールコネクター（SMTP）を設定',
    'conn.setup.Sms': 'SMS コネクター（HTTP）を設定',
    'conn.edit.Email': 'メールコネクター（SMTP）を編集',
    'conn.edit.Sms': 'SMS コネクター（HTTP）を編集',
    'conn.save_changes': '変更を保存',
    'conn.saved': '変更を保存しました',
    'conn.remove_body.Email':
      'メールでのコード送信が停止します。メールコネクターを再び設定するまで、メールのコードによるサインイン、サインアップ、パスワードリセットは使えなくなります。',
    'conn.remove_body.Sms':
      'SMS でのコード送信が停止します。SMS コネクターを再び設定するまで、SMS のコードによるサインイン、サインアップ、パスワードリセットは使えなくなります。',
    'conn.summary.Email': 'メールコネクターの設定',
    'conn.summary.Sms': 'SMS コネクターの設定',
    'conn.sum.provider': 'プロバイダー',
    'conn.sum.server': 'サーバー',
    'conn.sum.security': 'セキュリティ',
    'conn.sum.from': '送信元',
    'conn.sum.endpoint': 'エンドポイント',
    'conn.sum.sender': '送信者 ID',
    'conn.sum.auth': '認証',
    'conn.sum.user': '{user} として認証',
    'conn.sum.no_auth': '認証なし',
    'conn.sum.set': '設定済み',
    'conn.sum.not_set': '未設定',
    'conn.f.smtp.host': 'ホスト',
    'conn.f.smtp.host.hint': 'SMTP サーバーです。例：smtp.sendgrid.net',
    'conn.f.smtp.port': 'ポート',
    'conn.f.smtp.port.hint': 'STARTTLS は 587、暗黙的 TLS は 465',
    'conn.f.smtp.security': 'セキュリティ',
    'conn.f.smtp.security.hint': 'サーバーとの接続の暗号化方式',
    'conn.f.smtp.security.starttls': 'STARTTLS（必須）',
    'conn.f.smtp.security.tls': 'TLS（暗黙的）',
    'conn.f.smtp.security.none': 'なし（暗号化しない）',
    'conn.f.smtp.username': 'ユーザー名',
    'conn.f.smtp.username.hint': 'サーバーが認証を求めない場合は空のままにします',
    'conn.f.smtp.password': 'パスワード',
    'conn.f.smtp.password.hint':
      'アカウントのパスワードではなく、API キーやアプリパスワードを使うことが多いです。',
    'conn.f.smtp.from': '送信元',
    'conn.f.smtp.from.hint':
      '送信者です。例：Bookstore <no-reply@example.com>。プロバイダーで許可されている必要があります',
    'conn.f.smtp.verifyCertificate': 'サーバーの TLS 証明書を検証する',
    'conn.f.smtp.verifyCertificate.hint':
      '自己署名証明書を使うテスト用サーバーの場合にのみオフにしてください。',
    'conn.f.smtp.caFile': 'CA ファイル',
    'conn.f.smtp.caFile.hint': '任意：追加で信頼する CA 証明書（PEM）の Latch サーバー上のパス',
    'conn.f.smtp.templates': 'テンプレート',
    'conn.f.smtp.templates.hint':
      '任意の JSON：言語（en、ja）と用途（SignIn、Register、ForgotPassword）ごとに {"ja": {"SignIn": {"subject": "…", "body": "… {code} …"}}} の形式で指定します。{code} と {app} は置き換えられます。',
    'conn.f.sms.url': 'エンドポイント',
    'conn.f.sms.url.hint': 'Latch はこの URL に {"to", "from", "text"} の JSON を POST します',
    'conn.f.sms.authorization': 'Authorization ヘッダー',
    'conn.f.sms.authorization.hint':
      '任意：Authorization ヘッダーとして送信されます。例：Bearer <token>',
    'conn.f.sms.from': '送信者 ID',
    'conn.f.sms.from.hint': '任意：プロバイダーに登録した送信者名や番号',
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

// The console's own (translated) label and hint of a form item of the email and SMS factories,
// else the factory's.
const itemPrefix = { 'simple-mail-transfer-protocol': 'conn.f.smtp', 'http-sms': 'conn.f.sms' };
function own(key) {
  const text = t(key);
  return text === key ? null : text;
}
function itemLabel(factoryId, item) {
  return (
    (itemPrefix[factoryId] && own(`${itemPrefix[factoryId]}.${item.key}`)) || item.label || item.key
  );
}
function itemHint(factoryId, item) {
  return (
    (itemPrefix[factoryId] && own(`${itemPrefix[factoryId]}.${item.key}.hint`)) ||
    item.description ||
    ''
  );
}
function optionLabel(factoryId, item, value) {
  return (itemPrefix[factoryId] && own(`${itemPrefix[factoryId]}.${item.key}.${value}`)) || value;
}

// An API error with its details (e.g. why the provider refused a test message).
function errorWithDetails(error) {
  const details = typeof error?.details === 'string' ? error.details : '';
  return details && details !== error.message
    ? `${errorText(error)} (${details})`
    : errorText(error);
}

// The configuration form of a factory's formItems. `config` holds the current values (editing)
// or nothing (adding: the defaults). Returns { el, values(), validate(), showError(error),
// onInput(fn) }. Secrets are password inputs; an edited secret shows ******** and sending that
// back keeps the stored one.
export function configForm(formItems, config, { editing = false, syncProfile, factoryId } = {}) {
  const fields = new Map();
  const listeners = [];
  const changed = () => listeners.forEach((fn) => fn());
  const controls = (formItems ?? []).map((item) => {
    const current = config && item.key in config ? config[item.key] : item.defaultValue;
    const name = `config-${item.key}`;
    let input;
    if (item.type === 'boolean') {
      const id = uid('cfg');
      input = h('input', {
        type: 'checkbox',
        id,
        name,
        checked: isTrue(current),
        onchange: changed,
      });
      const wrap = h(
        'div',
        { class: 'field' },
        h('label', { class: 'check', for: id }, input, itemLabel(factoryId, item)),
        itemHint(factoryId, item) ? h('p', { class: 'hint' }, itemHint(factoryId, item)) : null,
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
        item.required || item.defaultValue !== undefined ? null : h('option', { value: '' }, '—'),
        (item.selectItems ?? []).map((v) => {
          const value = typeof v === 'object' ? v.value : v;
          const title =
            typeof v === 'object' && v.title ? v.title : optionLabel(factoryId, item, value);
          return h('option', { value, selected: String(current ?? '') === String(value) }, title);
        }),
      );
    } else if (item.type === 'multiline' || item.type === 'json') {
      const text =
        item.type === 'json' &&
        current !== undefined &&
        current !== null &&
        typeof current !== 'string'
          ? JSON.stringify(current, null, 2)
          : (current ?? '');
      input = h('textarea', {
        class: item.type === 'json' ? 'input mono' : 'input',
        name,
        rows: item.type === 'json' ? '4' : '2',
        oninput: changed,
      });
      input.value = text;
    } else if (item.type === 'number') {
      input = textInput({
        name,
        type: 'number',
        inputmode: 'numeric',
        step: '1',
        value: current ?? '',
        oninput: changed,
      });
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
    const hint = [itemHint(factoryId, item), item.isSecret && editing ? t('conn.secret_hint') : '']
      .filter(Boolean)
      .join(' ');
    const wrap = field(itemLabel(factoryId, item), input, {
      required: Boolean(item.required),
      hint: hint || undefined,
    });
    wrap.dataset.key = item.key;
    // A message about the value goes once the value changes.
    input.addEventListener(item.type === 'select' ? 'change' : 'input', () => wrap.setError(''));
    fields.set(item.key, {
      item,
      wrap,
      read: () => {
        const raw = input.value;
        // Emptied while editing: null resets the field to its default.
        if (item.type === 'json') {
          if (!raw.trim()) return editing ? null : undefined;
          return JSON.parse(raw);
        }
        if (item.type === 'number') {
          if (!raw.trim()) return editing ? null : undefined;
          return Number.isFinite(Number(raw)) ? Number(raw) : raw;
        }
        return item.type === 'multiline' ? raw.trim().replace(/\s+/g, ' ') : raw.trim();
      },
    });
    return wrap;
  });
  let syncBox = null;
  if (syncProfile !== undefined) {
    const id = uid('sync');
    syncBox = h('input', {
      type: 'checkbox',
      id,
      name: 'syncProfile',
      checked: Boolean(syncProfile),
      onchange: changed,
    });
    controls.push(
      h(
        'div',
        { class: 'field' },
        h('label', { class: 'check', for: id }, syncBox, t('conn.sync_profile')),
        h('p', { class: 'hint' }, t('conn.sync_profile_hint')),
      ),
    );
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
        if (item.required && (value === undefined || value === null || value === '')) {
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
  return h(
    'span',
    { class: 'connector-mono', 'aria-hidden': 'true' },
    (name || '?').slice(0, 1).toUpperCase(),
  );
}

// The setup step: the guide on the left, the form on the right, "Save and done". With
// `connector` it edits that one instead ("Save changes", PATCH; secrets stay ********).
// `onSaved(connector)` replaces the default after saving (a toast and the connector's page).
async function setupStep(m, factory, { navigate, back, connector, title, onSaved }) {
  const base = await endpoint();
  const name = localName(factory.name);
  m.root.querySelector('.modal-head h2').textContent = title ?? t('conn.setup.title', { name });
  const guide = connectorGuide(
    factory.id,
    { endpoint: base, callback: `${base}/callback/\${connector_id}` },
    factory.readme,
  );
  const form = configForm(factory.formItems, connector?.config ?? null, {
    editing: Boolean(connector),
    factoryId: factory.id,
    syncProfile: !connector && kindOf(factory) === 'Social' ? false : undefined,
  });
  const save = button(t(connector ? 'conn.save_changes' : 'conn.setup.save'), null, {
    kind: 'primary',
    type: 'submit',
  });
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
          const { data } = connector
            ? await patch(`/connectors/${encodeURIComponent(connector.id)}`, {
                config: body.config,
              })
            : await post('/connectors', body);
          m.close();
          if (onSaved) {
            onSaved(data);
            return;
          }
          toast(t('conn.setup.created', { name }));
          navigate(
            `/console/connectors/${kindPath(data ?? factory)}/${encodeURIComponent(data.id)}`,
          );
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
      guide
        ? h(
            'section',
            { class: 'connector-setup-guide', 'aria-label': t('conn.setup.guide') },
            h('h3', {}, t('conn.setup.guide')),
            guide,
          )
        : null,
      h(
        'section',
        { class: 'connector-setup-form', 'aria-label': t('conn.setup.config') },
        h('h3', {}, t('conn.setup.config')),
        form.el,
      ),
    ),
    h(
      'div',
      { class: 'row connector-setup-actions' },
      back ? button(t('conn.setup.back'), back) : null,
      h('span', { class: 'spacer' }),
      save,
    ),
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
            factories.map((f) =>
              h(
                'button',
                {
                  type: 'button',
                  class: 'framework-card',
                  'data-factory': f.id,
                  onclick: () => setupStep(m, f, { navigate, back: showList }),
                },
                monogram(localName(f.name)),
                h(
                  'span',
                  {},
                  h('span', { class: 'framework-name' }, localName(f.name)),
                  h('span', { class: 'framework-desc' }, f.isStandard ? f.id : (f.platform ?? '')),
                ),
              ),
            ),
          )
        : h('p', {}, t('conn.pick.empty')),
    );
    m.body.querySelector('button')?.focus();
  };
  if (factory) setupStep(m, factory, { navigate, back: factories.length > 1 ? showList : null });
  else showList();
  return m;
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
        render: (c) =>
          targets?.includes(c.target)
            ? badge(t('conn.in_use'), 'ok')
            : h('span', { class: 'muted' }, t('conn.not_in_use')),
      },
      { label: t('conn.col.created'), render: (c) => formatTime(c.createdAt) },
    ],
    social,
    { href, onOpen: (c) => ctx.navigate(href(c)), caption: t('conn.tab.social') },
  );
}

// "Send test message" of a configured email or SMS connector: the server's answer (or why the
// provider refused) shows under the address.
function testForm(connector) {
  const email = kindOf(connector) === 'Email';
  const input = textInput({
    type: email ? 'email' : 'tel',
    name: email ? 'test-email' : 'test-phone',
    autocomplete: 'off',
    placeholder: email ? 'you@example.com' : '+819012345678',
  });
  const f = field(t(email ? 'conn.test.email' : 'conn.test.phone'), input, {
    hint: t('conn.test.text'),
  });
  const send = button(t('conn.test.send'), null, { kind: 'secondary', type: 'submit' });
  return h(
    'form',
    {
      class: 'test-message stack',
      novalidate: true,
      'aria-label': t('conn.test.title'),
      dataset: { kind: email ? 'email' : 'sms' },
      onsubmit: async (e) => {
        e.preventDefault();
        f.setError('');
        const to = input.value.trim();
        if (!to || (email && !input.checkValidity())) {
          f.setError(t(to ? 'conn.test.invalid_email' : 'ui.required'));
          input.focus();
          return;
        }
        send.disabled = true;
        try {
          await post(
            `/connectors/${encodeURIComponent(connector.connectorId)}/test`,
            email ? { email: to } : { phone: to },
          );
          toast(t('conn.test.sent', { to }));
        } catch (error) {
          f.setError(errorWithDetails(error));
          input.focus();
        } finally {
          send.disabled = false;
        }
      },
    },
    h('h3', {}, t('conn.test.title')),
    f,
    h('div', {}, send),
  );
}

// What a configured email or SMS connector does, in a few lines (secrets only as set / not set).
function summary(connector, factory) {
  const c = connector.config ?? {};
  const item = (key) => factory?.formItems?.find((x) => x.key === key) ?? { key };
  const rows =
    kindOf(connector) === 'Email'
      ? [
          ['conn.sum.provider', localName(connector.name)],
          ['conn.sum.server', c.port ? `${c.host}:${c.port}` : c.host],
          [
            'conn.sum.security',
            c.security ? optionLabel(factory?.id, item('security'), c.security) : '',
          ],
          ['conn.sum.from', c.from],
          [
            'conn.sum.auth',
            c.username ? t('conn.sum.user', { user: c.username }) : t('conn.sum.no_auth'),
          ],
        ]
      : [
          ['conn.sum.provider', localName(connector.name)],
          ['conn.sum.endpoint', c.url],
          ['conn.sum.sender', c.from],
          ['conn.sum.auth', c.authorization ? t('conn.sum.set') : t('conn.sum.not_set')],
        ];
  const literal = new Set([
    'conn.sum.server',
    'conn.sum.from',
    'conn.sum.endpoint',
    'conn.sum.sender',
  ]);
  return h(
    'dl',
    { class: 'kv slot-summary', 'aria-label': t(`conn.summary.${kindOf(connector)}`) },
    rows.map(([label, value]) => [
      h('dt', {}, t(label)),
      h('dd', { class: literal.has(label) ? 'mono' : null }, value || '—'),
    ]),
  );
}

// The email and SMS slots: "Not set up" with "Set up", or the configured connector with Edit,
// Remove and a test message. `reload(type)` redraws the tab and puts focus back in that slot.
function passwordlessTab({ connectors, factories }, reload) {
  const slots = [
    { type: 'Email', title: t('conn.email'), text: t('conn.email_text') },
    { type: 'Sms', title: t('conn.sms'), text: t('conn.sms_text') },
  ];
  return h(
    'div',
    { class: 'grid-2 slots' },
    slots.map((slot) => {
      const configured = connectors.find((c) => kindOf(c) === slot.type);
      const factory = configured
        ? factories.find((f) => f.id === configured.connectorId)
        : factories.find((f) => kindOf(f) === slot.type);
      const open = () => {
        const m = modal({ title: '', content: [], wide: true });
        setupStep(m, factory, {
          connector: configured,
          title: t(`conn.${configured ? 'edit' : 'setup'}.${slot.type}`),
          onSaved: () => {
            toast(
              configured
                ? t('conn.saved')
                : t('conn.setup.created', { name: localName(factory.name) }),
            );
            reload(slot.type);
          },
        });
      };
      const remove = async () => {
        const ok = await confirmDialog({
          title: t('conn.remove_title', { name: localName(configured.name) }),
          message: t(`conn.remove_body.${slot.type}`),
          confirmLabel: t('conn.remove'),
        });
        if (!ok) return;
        try {
          await del(`/connectors/${encodeURIComponent(configured.id)}`);
          toast(t('conn.removed'));
          reload(slot.type);
        } catch (error) {
          toast(errorText(error), 'error');
        }
      };
      const named = (label) => `${label}: ${slot.title}`;
      return h(
        'section',
        { class: 'card slot', 'aria-label': slot.title, dataset: { slot: slot.type } },
        h(
          'div',
          { class: 'slot-head' },
          h('h2', { class: 'card-title' }, slot.title),
          configured ? badge(t('conn.configured'), 'ok') : badge(t('conn.not_set_up')),
        ),
        h('p', { class: 'muted' }, slot.text),
        configured
          ? [
              summary(configured, factory),
              h(
                'div',
                { class: 'row' },
                factory
                  ? button(t('conn.edit'), open, {
                      kind: 'secondary',
                      'aria-label': named(t('conn.edit')),
                    })
                  : null,
                button(t('conn.remove'), remove, {
                  kind: 'text',
                  'aria-label': named(t('conn.remove')),
                }),
              ),
              testForm(configured),
            ]
          : factory
            ? h(
                'div',
                {},
                button(t('conn.set_up'), open, {
                  kind: 'primary',
                  'aria-label': named(t('conn.set_up')),
                }),
              )
            : null,
      );
    }),
  );
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
    tabs(
      [
        {
          label: t('conn.tab.social'),
          href: '/console/connectors/social',
          active: kind === 'social',
        },
        {
          label: t('conn.tab.passwordless'),
          href: '/console/connectors/passwordless',
          active: kind === 'passwordless',
        },
      ],
      t('conn.tabs'),
    ),
    body,
  );
  const actions = header.querySelector('.actions');

  async function load() {
    replace(body, loading());
    replace(actions);
    let connectors;
    let factories;
    let targets;
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
        replace(
          actions,
          button(
            t('conn.add_social'),
            () => openAddConnector({ factories: socialFactories, navigate: ctx.navigate }),
            { kind: 'primary' },
          ),
        );
      }
      replace(body, socialTab(ctx, data));
    } else {
      replace(
        body,
        passwordlessTab(data, async (type) => {
          await load();
          body.querySelector(`[data-slot="${type}"] .btn`)?.focus();
        }),
      );
    }
  }
  await load();
  return () => document.querySelectorAll('.overlay').forEach((o) => o.remove());
}
