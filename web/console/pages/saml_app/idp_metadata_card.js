// "SAML IdP metadata": what the service provider is given: the metadata URL (anonymous
// GET /api/saml-applications/:id/metadata, with the active certificate) and a download of it,
// the single sign-on service URL and the IdP entity ID.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { busy, button, stackCard, copyField } from '../../lib/ui.js';
import { endpoint } from '../connectors/names.js';
import { download, idpUrls } from './saml_kinds.js';

export async function idpMetadataCard(app) {
  const urls = idpUrls(await endpoint(), app.id);
  const get = button(t('samlapp.idp.download'), async () => {
    await busy(get, async () => {
      const res = await fetch(urls.metadataUrl);
      if (!res.ok) throw new Error(t('samlapp.idp.download_failed', { status: res.status }));
      download(await res.text(), `${app.id}-idp-metadata.xml`, 'application/xml');
    });
  });
  return stackCard(
    t('samlapp.idp.title'),
    h('p', { class: 'muted' }, t('samlapp.idp.intro')),
    copyField(t('samlapp.idp.metadata_url'), urls.metadataUrl, { testId: 'saml-metadata-url' }),
    h('div', { class: 'row' }, get),
    copyField(t('samlapp.idp.sso_url'), urls.ssoUrl, { testId: 'saml-sso-url' }),
    copyField(t('samlapp.idp.entity_id'), urls.entityId, { testId: 'saml-idp-entity-id' }),
  );
}
