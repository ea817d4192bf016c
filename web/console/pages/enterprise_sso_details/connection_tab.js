// An SSO connector's Connection tab, as Logto's: the IdP's configuration (OIDC or SAML fields),
// "Configure in the IdP" (the setup guide: what to enter at the IdP, from the connector's API
// answer: the redirect URI for OIDC; the ACS URL, SP entity ID and SP metadata URL for SAML),
// and for SAML the attribute mapping; one Save sends PATCH /api/sso-connectors/:id {config}.
// Below the form, "Test connection" tries the saved configuration (test_card.js).
// Config members the form does not know are kept as they are.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, stackCard, copyField, showSaveError, toast, editForm } from '../../lib/ui.js';
import { isSaml } from '../enterprise_sso/sso_kinds.js';
import { OIDC_KEYS, oidcFields } from './oidc_fields.js';
import { SAML_KEYS, samlFields } from './saml_fields.js';
import { testCard } from './test_card.js';

// What the IdP needs from Latch. SAML values come from providerConfig.serviceProvider (Logto's
// SamlConnector properties); until the API sends them, the card says so.
export function setupGuide(connector) {
  if (!isSaml(connector)) {
    return stackCard(
      t('sso.guide.title'),
      h('p', { class: 'muted' }, t('sso.guide.oidc_intro')),
      copyField(t('sso.guide.redirect_uri'), connector.redirectUri ?? '', {
        testId: 'sso-redirect-uri',
      }),
    );
  }
  const sp = connector.providerConfig?.serviceProvider ?? {};
  const rows = [
    ['acs_url', sp.assertionConsumerServiceUrl],
    ['sp_entity_id', sp.entityId],
    ['sp_metadata_url', sp.metadataUrl],
  ].filter(([, value]) => value);
  return stackCard(
    t('sso.guide.title'),
    h('p', { class: 'muted' }, t('sso.guide.saml_intro')),
    rows.length
      ? rows.map(([key, value]) =>
          copyField(t(`sso.guide.${key}`), value, { testId: `sso-${key.replaceAll('_', '-')}` }),
        )
      : h('p', { class: 'muted', 'data-testid': 'sso-sp-pending' }, t('sso.guide.saml_pending')),
  );
}

export async function connectionTab(state, ctx) {
  const connector = state.connector;
  const saml = isSaml(connector);
  const form = saml ? samlFields(connector) : oidcFields(connector);
  const managed = saml ? SAML_KEYS : OIDC_KEYS;
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('sso.save'), null, { kind: 'primary', type: 'submit' });

  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    for (const f of Object.values(form.fields)) f?.setError('');
    const missing = form.check();
    if (missing) {
      missing.setError(t('ui.required'));
      missing.input.focus();
      return;
    }
    const kept = Object.entries(connector.config ?? {}).filter(([key]) => !managed.includes(key));
    const config = { ...Object.fromEntries(kept), ...form.values() };
    save.disabled = true;
    try {
      const path = `/sso-connectors/${encodeURIComponent(connector.id)}`;
      ({ data: state.connector } = await patch(path, { config }));
      ctx.setDirty(false);
      toast(t('sso.saved'));
      ctx.reload(); // the setup guide and what Latch read from the IdP follow the new config
    } catch (error) {
      const fallback = error.code === 'connector.invalid_config' ? form.fallback() : null;
      showSaveError(error, fieldFor(error, form.fields) ?? fallback, formError);
    } finally {
      save.disabled = false;
    }
  }

  const title = saml ? t('sso.conn.saml_title') : t('sso.conn.oidc_title');
  const intro = saml ? t('sso.conn.saml_intro') : t('sso.conn.oidc_intro');
  return editForm(
    ctx,
    submit,
    stackCard(title, h('p', { class: 'muted' }, intro), form.el),
    setupGuide(connector),
    saml
      ? stackCard(
          t('sso.saml.mapping'),
          h('p', { class: 'muted' }, t('sso.saml.mapping_intro')),
          form.mapping.el,
        )
      : null,
    formError,
    h('div', { class: 'row' }, save),
    testCard(connector),
  );
}
