// Connectors: the social connectors (GitHub, Google, Microsoft, OIDC, OAuth 2.0) in a table with
// "Add social connector" (a modal: pick a kind, then its setup guide beside its configuration
// form), and the email and SMS connectors that send verification codes, with a test message.
// Also exports the configuration form the details page reuses.
import { h, replace, uid } from '../lib/dom.js';
import { formatTime, lang, t } from '../lib/i18n.js';
import { del, get, patch, post } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
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
import { connectorGuide } from '../guides/connectors.js';

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
    // An API error next to the field it concerns (config.<key>), else above the form.
    showError(error) {
      clear();
      const message = errorText(error);
      const byPath = Object.fromEntries([...fields].map(([key, f]) => [`config.${key}`, f]));
      const target = fieldFor(error, byPath);
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
