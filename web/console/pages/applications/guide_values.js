// The values an integration guide puts in its code, and the card that shows them to copy: the
// endpoint, the App ID, the App Secret (confidential apps) and a switch to another framework.
import { h, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { card, copyField } from '../../lib/ui.js';
import { confidential } from './app_kinds.js';

// What the guide's code shows before the operator saves redirect URIs of their own.
function defaults(type) {
  if (type === 'Native')
    return { redirectUri: 'io.logto://callback', postSignOutRedirectUri: 'io.logto://callback' };
  return {
    redirectUri: 'http://localhost:3000/callback',
    postSignOutRedirectUri: 'http://localhost:3000/',
  };
}

// `status`: /console/api/status (the endpoint).
export function guideValues(app, status) {
  const saved = app.oidcClientMetadata ?? {};
  const fallback = defaults(app.type);
  return {
    endpoint: String(status.endpoint).replace(/\/+$/, ''),
    appId: app.id,
    appSecret: app.secret ?? '',
    redirectUri: saved.redirectUris?.[0] || fallback.redirectUri,
    postSignOutRedirectUri: saved.postLogoutRedirectUris?.[0] || fallback.postSignOutRedirectUri,
  };
}

// `sameType`: the frameworks of the app's type; picking one calls onSwitch(frameworkId).
export function guideValuesCard(app, values, { framework, sameType, onSwitch }) {
  const selectId = uid('framework');
  const select = h(
    'select',
    { id: selectId, class: 'input', onchange: (e) => onSwitch(e.target.value) },
    sameType.map((f) => h('option', { value: f.id, selected: f.id === framework.id }, f.name)),
  );
  const secret = confidential(app.type)
    ? copyField(t('guide.secret'), values.appSecret, { secret: true, testId: 'guide-app-secret' })
    : null;
  const switcher =
    sameType.length > 1
      ? h('div', { class: 'field' }, h('label', { for: selectId }, t('guide.switch')), select)
      : null;
  return card(
    t('guide.values'),
    h('p', { class: 'muted small card-intro' }, t('guide.values_text')),
    h(
      'div',
      { class: 'guide-values' },
      copyField(t('guide.endpoint'), values.endpoint, { testId: 'guide-endpoint' }),
      copyField(t('guide.app_id'), values.appId, { testId: 'guide-app-id' }),
      secret,
      switcher,
    ),
  );
}
