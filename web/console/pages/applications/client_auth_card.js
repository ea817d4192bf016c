// The Client authentication card of a confidential application (traditional web, machine to
// machine): how it authenticates at the token, introspection and revocation endpoints
// (docs/protocols.md#client-authentication). With its secret (HTTP Basic or in the body), with
// a JWT signed under its secret (client_secret_jwt), or with a JWT signed by its own private key
// (private_key_jwt), whose public keys Latch fetches from a JWKS URI or keeps as a JWK Set.
// Save PATCHes oidcClientMetadata {tokenEndpointAuthMethod, jwksUri, jwks}.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { fieldAt } from '../../lib/field_errors.js';
import { busy, button, card, errorText, field, textInput, toast } from '../../lib/ui.js';
import { radioGroup } from '../../components/controls.js';

const METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
];
const PRIVATE_KEY_JWT = 'private_key_jwt';

// Where a private_key_jwt client's public keys come from: 'uri' or 'set'.
const keySourceOf = (metadata) => (metadata.jwks ? 'set' : 'uri');

function keyFields(metadata, onChange) {
  const uri = field(
    t('app.auth.jwks_uri'),
    textInput({
      value: metadata.jwksUri ?? '',
      placeholder: 'https://your.website.com/.well-known/jwks.json',
      oninput: onChange,
    }),
    { hint: t('app.auth.jwks_uri_hint') },
  );
  const text = h('textarea', {
    class: 'input mono',
    rows: '6',
    spellcheck: 'false',
    placeholder: '{"keys": [{"kty": "EC", "crv": "P-256", "x": "…", "y": "…"}]}',
    oninput: onChange,
  });
  text.value = metadata.jwks ? JSON.stringify(metadata.jwks, null, 2) : '';
  const set = field(t('app.auth.jwks'), text, { hint: t('app.auth.jwks_hint') });
  return { uri, set };
}

// The JSON body of a save, or a field error (reported through `fail(target, message)`).
function requestBody(method, source, keys, fail) {
  const oidc = { tokenEndpointAuthMethod: method, jwksUri: null, jwks: null };
  if (method !== PRIVATE_KEY_JWT) return { oidcClientMetadata: oidc };
  if (source === 'uri') {
    const uri = keys.uri.input.value.trim();
    if (!uri) return fail(keys.uri, t('ui.required'));
    oidc.jwksUri = uri;
    return { oidcClientMetadata: oidc };
  }
  const text = keys.set.input.value.trim();
  if (!text) return fail(keys.set, t('ui.required'));
  try {
    oidc.jwks = JSON.parse(text);
  } catch {
    return fail(keys.set, t('app.auth.jwks_not_json'));
  }
  return { oidcClientMetadata: oidc };
}

// `state.app` is the application; null for apps that hold no secret and for built-in apps.
export function clientAuthCard(state, ctx, { readOnly, onSaved }) {
  const { app } = state;
  if (readOnly || !['Traditional', 'MachineToMachine'].includes(app.type)) return null;
  const metadata = app.oidcClientMetadata ?? {};
  let method = metadata.tokenEndpointAuthMethod || METHODS[0];
  let source = keySourceOf(metadata);
  const dirty = () => ctx.setDirty(true);
  const keys = keyFields(metadata, dirty);
  const sourceGroup = radioGroup(
    t('app.auth.key_source'),
    ['uri', 'set'].map((value) => ({ value, label: t(`app.auth.key_source.${value}`) })),
    source,
    (value) => {
      source = value;
      dirty();
      show();
    },
    { 'data-testid': 'key-source' },
  );
  const methodGroup = radioGroup(
    t('app.auth.method'),
    METHODS.map((value) => ({
      value,
      label: t(`app.auth.method.${value}`),
      hint: t(`app.auth.method.${value}_hint`),
    })),
    method,
    (value) => {
      method = value;
      dirty();
      show();
    },
    { 'data-testid': 'auth-method' },
  );
  const keyPart = h('div', { class: 'stack' }, sourceGroup, keys.uri, keys.set);
  function show() {
    keyPart.hidden = method !== PRIVATE_KEY_JWT;
    keys.uri.hidden = source !== 'uri';
    keys.set.hidden = source !== 'set';
  }
  show();

  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('app.auth.save'), null, { kind: 'primary', type: 'submit' });
  const fail = (target, message) => {
    target.setError(message);
    target.input.focus();
    return null;
  };
  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    [methodGroup, keys.uri, keys.set].forEach((x) => x.setError(''));
    const body = requestBody(method, source, keys, fail);
    if (!body) return;
    await busy(save, async () => {
      try {
        ({ data: state.app } = await patch(`/applications/${encodeURIComponent(app.id)}`, body));
      } catch (error) {
        const at = fieldAt(error, {
          'oidcClientMetadata.tokenEndpointAuthMethod': methodGroup,
          'oidcClientMetadata.jwksUri': keys.uri,
          'oidcClientMetadata.jwks': keys.set,
        });
        if (at) at.target.setError(errorText(error));
        else {
          formError.textContent = errorText(error);
          formError.hidden = false;
        }
        return;
      }
      ctx.setDirty(false);
      toast(t('app.saved', { name: state.app.name }));
      onSaved();
    });
  }
  return card(
    t('app.auth.title'),
    h('p', { class: 'muted small card-intro' }, t('app.auth.text')),
    h(
      'form',
      { class: 'stack', novalidate: true, onsubmit: submit, 'data-testid': 'client-auth' },
      methodGroup,
      keyPart,
      formError,
      h('div', { class: 'row' }, h('span', { class: 'spacer' }), save),
    ),
  );
}
