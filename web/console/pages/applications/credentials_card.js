// The Endpoints & credentials card: this Latch's endpoint, the App ID, the App Secret (with
// Rotate for confidential apps) and, folded, the OpenID Provider's endpoints.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { busy, button, card, confirmDialog, copyField, toast } from '../../lib/ui.js';
import { confidential } from './app_kinds.js';

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

// Shows the secret in `area` as text after a rotation, and focuses it.
function reveal(area) {
  const input = area.querySelector('input');
  input.type = 'text';
  const toggle = area.querySelector('button[aria-pressed]');
  toggle?.setAttribute('aria-pressed', 'true');
  if (toggle) toggle.textContent = t('ui.hide');
  input.focus();
}

// The App Secret (a note for apps without one) and Rotate, unless `builtin`.
function secretArea(state, builtin) {
  const area = h('div', { class: 'stack' });
  async function rotate(btn) {
    const ok = await confirmDialog({
      title: t('app.rotate_title'),
      message: t('app.rotate_body', { name: state.app.name }),
      confirmLabel: t('app.rotate'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      const path = `/applications/${encodeURIComponent(state.app.id)}/secret/rotate`;
      const { data } = await post(path); // the app's "Default secret", with its new value
      state.app = { ...state.app, secret: data.value };
      toast(t('app.rotated'));
      draw();
      reveal(area);
    });
  }
  function draw() {
    if (!confidential(state.app.type)) {
      replace(area, h('p', { class: 'muted small' }, t('app.no_secret')));
      return;
    }
    const secret = state.app.secret ?? '';
    const rotateButton = builtin
      ? null
      : button(t('app.rotate'), () => rotate(rotateButton), { kind: 'secondary' });
    replace(
      area,
      copyField(t('app.secret'), secret, { secret: true, testId: 'app-secret' }),
      rotateButton ? h('div', {}, rotateButton) : null,
    );
  }
  draw();
  return area;
}

function endpointDetails(status) {
  const urls = providerUrls(status);
  const rows = [
    ['app.discovery', urls.discovery],
    ['app.issuer', urls.issuer],
    ['app.authorization', urls.authorization],
    ['app.token', urls.token],
    ['app.userinfo', urls.userinfo],
    ['app.jwks', urls.jwks],
    ['app.end_session', urls.end_session],
  ];
  return h(
    'details',
    { class: 'endpoint-details' },
    h('summary', {}, t('app.show_endpoints')),
    h('h3', {}, t('app.oidc')),
    h('p', { class: 'muted small' }, t('app.oidc_text')),
    h(
      'div',
      { class: 'stack' },
      rows.map(([key, value]) => copyField(t(key), value)),
    ),
  );
}

// `status`: /console/api/status (the endpoint and issuer).
export function credentialsCard(state, status, builtin) {
  const base = String(status.endpoint).replace(/\/+$/, '');
  return card(
    t('app.credentials'),
    h('p', { class: 'muted small card-intro' }, t('app.credentials_text')),
    h(
      'div',
      { class: 'stack' },
      copyField(t('app.endpoint'), base, { testId: 'app-endpoint' }),
      copyField(t('app.app_id'), state.app.id, { testId: 'app-id' }),
      secretArea(state, builtin),
      endpointDetails(status),
    ),
  );
}
