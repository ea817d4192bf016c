// A SAML application's Settings tab, as Logto's: name, description, the service provider's
// entity ID and ACS URL (with its binding), and the NameID format, saved with
// PATCH /api/saml-applications/:id; then the IdP metadata the service provider needs and the
// signing certificates (certificates_card.js).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { fieldAt } from '../../lib/field_errors.js';
import {
  button,
  stackCard,
  field,
  showSaveError,
  textInput,
  toast,
  editForm,
} from '../../lib/ui.js';
import { radioGroup, selectInput } from '../../components/controls.js';
import { certificatesCard } from './certificates_card.js';
import { idpMetadataCard } from './idp_metadata_card.js';
import { BINDINGS, NAME_ID_FORMATS, samlPath } from './saml_kinds.js';

function text(name, label, value, options = {}) {
  return field(label, textInput({ name, value: value ?? '', ...options.input }), options);
}

function settingsForm(state, ctx, onSaved) {
  const app = state.saml;
  let binding = app.acsUrl?.binding ?? BINDINGS.post;
  let format = app.nameIdFormat ?? NAME_ID_FORMATS.persistent;
  const fields = {
    name: text('name', t('samlapp.name'), app.name, { required: true }),
    description: text('description', t('samlapp.description'), app.description),
    entityId: text('entityId', t('samlapp.entity_id'), app.entityId, {
      hint: t('samlapp.entity_id_hint'),
      input: { placeholder: 'urn:your-domain.com:sp:saml:{serviceProviderId}' },
    }),
    acsUrl: text('acsUrl', t('samlapp.acs_url'), app.acsUrl?.url, {
      input: { placeholder: 'https://your-domain.com/api/saml/callback' },
    }),
  };
  const bindingSelect = selectInput(
    Object.entries(BINDINGS).map(([key, value]) => ({ value, label: t(`samlapp.binding.${key}`) })),
    binding,
    (v) => (binding = v),
    { name: 'binding' },
  );
  fields['acsUrl.binding'] = field(t('samlapp.binding'), bindingSelect);
  const formats = Object.entries(NAME_ID_FORMATS).map(([key, value]) => ({
    value,
    label: t(`samlapp.name_id.${key}`),
    hint: t(`samlapp.name_id.${key}_hint`),
  }));
  fields.nameIdFormat = radioGroup(t('samlapp.name_id'), formats, format, (v) => (format = v));
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('samlapp.save'), null, { kind: 'primary', type: 'submit' });
  const value = (key) => fields[key].input.value.trim();

  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    for (const f of Object.values(fields)) f.setError('');
    if (!value('name')) {
      fields.name.setError(t('ui.required'));
      fields.name.input.focus();
      return;
    }
    const body = {
      name: value('name'),
      description: value('description') || null,
      entityId: value('entityId') || null,
      acsUrl: value('acsUrl') ? { url: value('acsUrl'), binding } : null,
      nameIdFormat: format,
    };
    save.disabled = true;
    try {
      ({ data: state.saml } = await patch(samlPath(app.id), body));
      ctx.setDirty(false);
      toast(t('samlapp.saved'));
      onSaved();
    } catch (error) {
      showSaveError(error, fieldAt(error, fields)?.target, formError);
    } finally {
      save.disabled = false;
    }
  }

  return editForm(
    ctx,
    submit,
    stackCard(
      t('samlapp.settings'),
      h('p', { class: 'muted' }, t('samlapp.settings_intro')),
      fields.name,
      fields.description,
      fields.entityId,
      fields.acsUrl,
      fields['acsUrl.binding'],
      fields.nameIdFormat,
    ),
    formError,
    h('div', { class: 'row' }, save),
  );
}

export async function settingsTab(state, ctx, { onSaved }) {
  return h(
    'div',
    { class: 'stack' },
    settingsForm(state, ctx, onSaved),
    await idpMetadataCard(state.saml),
    certificatesCard(state.saml),
  );
}
