// Application details: the settings (name, description, redirect URIs, CORS origins, third
// party), the endpoints and credentials an integration needs (App ID, App Secret with rotation,
// the OpenID Provider's endpoints), the integration guide and the danger zone. The console's own
// application (latch-console) is shown read-only: Latch manages it.
import { h, replace, richText, uid } from '../lib/dom.js';
import { formatTime, t } from '../lib/i18n.js';
import { del, get, patch, post } from '../lib/api.js';
import { fieldAt } from '../lib/field_errors.js';
import { loadStatus } from '../lib/auth.js';
import {
  badge,
  busy,
  button,
  card,
  confirmDialog,
  copyField,
  errorState,
  errorText,
  field,
  link,
  loading,
  modal,
  pageHeader,
  textInput,
  toast,
} from '../lib/ui.js';
import { frameworks } from '../guides/frameworks.js';
import { applyBadgeColors, frameworkFor, typeLabel } from './create_application.js';
import { CONSOLE_APP_ID } from './applications.js';

const confidential = (type) => type === 'Traditional' || type === 'MachineToMachine';

// A list of text inputs (one value a row) with Add and Remove, inside a labelled fieldset.
// Returns the fieldset with values(), setError(message) and input (the first row's input).
function listEditor(
  legend,
  itemLabel,
  values,
  { hint, placeholder, onChange, readOnly = false } = {},
) {
  const rows = h('div', { class: 'list-editor' });
  const hintId = hint ? uid('hint') : null;
  const errorEl = h('p', { class: 'field-error', id: uid('error'), hidden: true });
  const inputs = () => [...rows.querySelectorAll('input')];
  function relabel() {
    inputs().forEach((input, i) => {
      const label = itemLabel(i + 1);
      input.setAttribute('aria-label', label);
      input
        .closest('.row')
        ?.querySelector('button')
        ?.setAttribute('aria-label', t('app.remove_item', { label }));
    });
  }
  function addRow(value = '', focus = false) {
    const input = textInput({
      value,
      placeholder,
      'aria-describedby': hintId,
      readonly: readOnly,
      oninput: () => onChange?.(),
    });
    const row = h(
      'div',
      { class: 'row' },
      input,
      readOnly
        ? null
        : button(
            t('app.remove'),
            () => {
              const next = row.nextElementSibling ?? row.previousElementSibling;
              row.remove();
              relabel();
              onChange?.();
              (next?.querySelector('input') ?? addButton).focus();
            },
            { kind: 'text' },
          ),
    );
    rows.append(row);
    relabel();
    if (focus) input.focus();
  }
  const addButton = button(
    `+ ${t('app.add')}`,
    () => {
      addRow('', true);
      onChange?.();
    },
    { kind: 'text', class: 'btn btn-text list-add' },
  );
  values.forEach((v) => addRow(v));
  if (!values.length && !readOnly) addRow('');
  const fieldset = h(
    'fieldset',
    { class: 'field list-field' },
    h('legend', { class: 'label' }, legend),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    rows,
    readOnly && !values.length ? h('p', { class: 'muted' }, t('app.none')) : null,
    readOnly ? null : addButton,
    errorEl,
  );
  fieldset.values = () =>
    inputs()
      .map((i) => i.value.trim())
      .filter(Boolean);
  // `item`: the position of the bad value in values() ('' marks every row).
  fieldset.setError = (message, item = '') => {
    errorEl.textContent = message ?? '';
    errorEl.hidden = !message;
    const bad = item === '' ? null : inputs().filter((i) => i.value.trim())[Number(item)];
    for (const input of inputs()) {
      const invalid = Boolean(message) && (!bad || input === bad);
      if (invalid) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', [hintId, errorEl.id].filter(Boolean).join(' '));
      } else {
        input.removeAttribute('aria-invalid');
        if (hintId) input.setAttribute('aria-describedby', hintId);
      }
    }
  };
  return fieldset;
}

// The OpenID Provider's URLs, as Latch serves them under {endpoint}/oidc.
export function providerUrls(status) {
  const endpoint = String(status.endpoint).replace(/\/+$/, '');
  const issuer = status.issuer ?? `${endpoint}/oidc`;
  return {
    discovery: `${issuer}/.well-known/openid-configuration`,
    issuer,
    authorization: `${issuer}/auth`,
    token: `${issuer}/token`,
    userinfo: `${issuer}/me`,
    jwks: `${issuer}/jwks`,
    end_session: `${issuer}/session/end`,
  };
}

export default async function applicationDetails(view, ctx) {
  const id = ctx.params.id;
  let app;
  let status;

  async function load() {
    replace(view, loading());
    try {
      [{ data: app }, status] = await Promise.all([
        get(`/applications/${encodeURIComponent(id)}`),
        loadStatus(),
      ]);
    } catch (error) {
      replace(
        view,
        pageHeader(t('app.back'), {
          back: { label: t('app.back'), href: '/console/applications' },
        }),
        errorState(error, load),
      );
      return;
    }
    draw();
  }

  function draw() {
    ctx.setTitle(app.name);
    const builtin = app.id === CONSOLE_APP_ID;
    const frameworkId = frameworkFor(app);
    const framework = frameworks.find((f) => f.id === frameworkId);
    const guideHref = `/console/applications/${encodeURIComponent(app.id)}/guide/${encodeURIComponent(frameworkId)}`;
    const header = pageHeader(app.name, {
      back: { label: t('app.back'), href: '/console/applications' },
      subtitle: h(
        'span',
        { class: 'app-meta' },
        badge(typeLabel(app.type), 'brand'),
        builtin ? badge(t('app.builtin'), 'warn') : null,
        h('span', {}, `${t('app.app_id')}: `, h('code', { class: 'mono' }, app.id)),
        app.createdAt
          ? h('span', { class: 'muted' }, t('app.created', { time: formatTime(app.createdAt) }))
          : null,
      ),
      actions: builtin ? [] : [link(t('app.guide'), guideHref, { class: 'btn btn-secondary' })],
    });
    replace(
      view,
      header,
      builtin ? h('p', { class: 'note', role: 'note' }, t('app.builtin_note')) : null,
      builtin ? null : guideCard(framework, guideHref),
      settingsCard(builtin),
      credentialsCard(builtin),
      builtin ? null : dangerCard(),
    );
  }

  function guideCard(framework, href) {
    if (!framework) return null;
    applyBadgeColors();
    return h(
      'section',
      { class: 'card guide-link-card' },
      h(
        'div',
        { class: 'row' },
        h(
          'span',
          { class: `framework-badge badge-${framework.id}`, 'aria-hidden': 'true' },
          framework.badge.text,
        ),
        h(
          'div',
          {},
          h(
            'h2',
            { class: 'card-title tight' },
            link(`${t('app.guide')}: ${framework.name}`, href),
          ),
          h('p', { class: 'muted small' }, t('app.guide_text', { framework: framework.name })),
        ),
      ),
    );
  }

  function settingsCard(readOnly) {
    const dirty = () => ctx.setDirty(true);
    const name = field(
      t('app.name'),
      textInput({ value: app.name, maxlength: '256', readonly: readOnly, oninput: dirty }),
      { required: !readOnly },
    );
    const description = field(
      t('app.description'),
      h('textarea', {
        class: 'input',
        rows: '2',
        placeholder: t('app.description_placeholder'),
        readonly: readOnly,
        oninput: dirty,
      }),
    );
    description.input.value = app.description ?? '';
    const m2m = app.type === 'MachineToMachine';
    const redirects = m2m
      ? null
      : listEditor(
          t('app.redirect_uris'),
          (n) => t('app.redirect_uri', { n }),
          app.oidcClientMetadata?.redirectUris ?? [],
          {
            hint: richText(t('app.redirect_uris_hint')),
            placeholder:
              app.type === 'Native' ? 'io.logto://callback' : 'https://your.website.com/callback',
            onChange: dirty,
            readOnly,
          },
        );
    const logouts = m2m
      ? null
      : listEditor(
          t('app.post_logout_uris'),
          (n) => t('app.post_logout_uri', { n }),
          app.oidcClientMetadata?.postLogoutRedirectUris ?? [],
          {
            hint: t('app.post_logout_uris_hint'),
            placeholder:
              app.type === 'Native' ? 'io.logto://signed-out' : 'https://your.website.com/',
            onChange: dirty,
            readOnly,
          },
        );
    const cors = listEditor(
      t('app.cors'),
      (n) => t('app.cors_item', { n }),
      app.customClientMetadata?.corsAllowedOrigins ?? [],
      {
        hint: t('app.cors_hint'),
        placeholder: 'https://your.website.com',
        onChange: dirty,
        readOnly,
      },
    );
    const thirdId = uid('third');
    const third = h('input', {
      type: 'checkbox',
      id: thirdId,
      checked: Boolean(app.isThirdParty),
      disabled: readOnly,
      'aria-describedby': `${thirdId}-hint`,
      onchange: dirty,
    });
    const thirdField = h(
      'div',
      { class: 'field' },
      h('label', { class: 'check', for: thirdId }, third, t('app.third_party')),
      h('p', { class: 'hint', id: `${thirdId}-hint` }, t('app.third_party_hint')),
    );
    const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const save = button(t('app.save'), null, { kind: 'primary', type: 'submit' });
    const form = h(
      'form',
      {
        class: 'stack',
        novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          if (readOnly) return;
          formError.hidden = true;
          [name, redirects, logouts, cors].forEach((f) => f?.setError(''));
          const value = name.input.value.trim();
          if (!value) {
            name.setError(t('ui.required'));
            name.input.focus();
            return;
          }
          const body = {
            name: value,
            description: description.input.value.trim(),
            customClientMetadata: { corsAllowedOrigins: cors.values() },
            isThirdParty: third.checked,
          };
          if (!m2m) {
            body.oidcClientMetadata = {
              redirectUris: redirects.values(),
              postLogoutRedirectUris: logouts.values(),
            };
          }
          await busy(save, async () => {
            try {
              ({ data: app } = await patch(`/applications/${encodeURIComponent(app.id)}`, body));
            } catch (error) {
              const at = fieldAt(error, {
                name,
                'oidcClientMetadata.redirectUris': redirects,
                'oidcClientMetadata.postLogoutRedirectUris': logouts,
                'customClientMetadata.corsAllowedOrigins': cors,
              });
              if (at) {
                at.target.setError(errorText(error), at.rest);
                (
                  at.target.querySelector('[aria-invalid="true"]') ??
                  at.target.querySelector('input')
                )?.focus();
              } else {
                formError.textContent = errorText(error);
                formError.hidden = false;
              }
              return;
            }
            ctx.setDirty(false);
            toast(t('app.saved', { name: app.name }));
            draw();
          });
        },
      },
      name,
      description,
      redirects,
      logouts,
      cors,
      thirdField,
      formError,
      readOnly ? null : h('div', { class: 'row' }, h('span', { class: 'spacer' }), save),
    );
    return card(
      t('app.settings'),
      h('p', { class: 'muted small card-intro' }, t('app.settings_text')),
      form,
    );
  }

  function credentialsCard(builtin) {
    const base = String(status.endpoint).replace(/\/+$/, '');
    const urls = providerUrls(status);
    const secretArea = h('div', { class: 'stack' });
    function drawSecret() {
      if (!confidential(app.type)) {
        replace(secretArea, h('p', { class: 'muted small' }, t('app.no_secret')));
        return;
      }
      const rotate = builtin
        ? null
        : button(
            t('app.rotate'),
            async () => {
              const ok = await confirmDialog({
                title: t('app.rotate_title'),
                message: t('app.rotate_body', { name: app.name }),
                confirmLabel: t('app.rotate'),
              });
              if (!ok) return;
              await busy(rotate, async () => {
                const { data } = await post(
                  `/applications/${encodeURIComponent(app.id)}/secret/rotate`,
                );
                app = { ...app, ...data };
                toast(t('app.rotated'));
                drawSecret();
                const input = secretArea.querySelector('input');
                input.type = 'text';
                secretArea
                  .querySelector('button[aria-pressed]')
                  ?.setAttribute('aria-pressed', 'true');
                const toggle = secretArea.querySelector('button[aria-pressed]');
                if (toggle) toggle.textContent = t('ui.hide');
                input.focus();
              });
            },
            { kind: 'secondary' },
          );
      replace(
        secretArea,
        copyField(t('app.secret'), app.secret ?? '', { secret: true, testId: 'app-secret' }),
        rotate ? h('div', {}, rotate) : null,
      );
    }
    drawSecret();
    const endpointRows = [
      ['app.discovery', urls.discovery],
      ['app.issuer', urls.issuer],
      ['app.authorization', urls.authorization],
      ['app.token', urls.token],
      ['app.userinfo', urls.userinfo],
      ['app.jwks', urls.jwks],
      ['app.end_session', urls.end_session],
    ];
    return card(
      t('app.credentials'),
      h('p', { class: 'muted small card-intro' }, t('app.credentials_text')),
      h(
        'div',
        { class: 'stack' },
        copyField(t('app.endpoint'), base, { testId: 'app-endpoint' }),
        copyField(t('app.app_id'), app.id, { testId: 'app-id' }),
        secretArea,
        h(
          'details',
          { class: 'endpoint-details' },
          h('summary', {}, t('app.show_endpoints')),
          h('h3', {}, t('app.oidc')),
          h('p', { class: 'muted small' }, t('app.oidc_text')),
          h(
            'div',
            { class: 'stack' },
            endpointRows.map(([key, value]) => copyField(t(key), value)),
          ),
        ),
      ),
    );
  }

  function dangerCard() {
    const remove = button(t('app.delete'), () => deleteFlow(remove), { kind: 'danger' });
    return h(
      'section',
      { class: 'card danger-zone' },
      h('h2', { class: 'card-title' }, t('app.danger')),
      h(
        'div',
        { class: 'row' },
        h('p', { class: 'muted' }, t('app.delete_text')),
        h('span', { class: 'spacer' }),
        remove,
      ),
    );
  }

  // Deleting asks for the application's name, as Logto's console does.
  function deleteFlow(trigger) {
    const input = textInput({ autocomplete: 'off', autofocus: true });
    const confirmField = field(t('app.delete_input'), input);
    const go = button(t('ui.delete'), null, { kind: 'danger', type: 'submit', disabled: true });
    input.addEventListener('input', () => {
      go.disabled = input.value.trim() !== app.name.trim();
    });
    const form = h(
      'form',
      {
        id: uid('delete'),
        class: 'stack',
        novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          if (input.value.trim() !== app.name.trim()) return;
          const done = await busy(go, async () => {
            await del(`/applications/${encodeURIComponent(app.id)}`);
            return true;
          });
          if (!done) return;
          m.close();
          toast(t('app.deleted', { name: app.name }));
          ctx.setDirty(false);
          ctx.navigate('/console/applications');
        },
      },
      h('p', {}, t('app.delete_confirm', { name: app.name })),
      confirmField,
    );
    go.setAttribute('form', form.id);
    const m = modal({
      title: t('app.delete_title', { name: app.name }),
      content: form,
      actions: [button(t('ui.cancel'), () => m.close()), go],
    });
    input.focus();
    return trigger;
  }

  await load();
}
