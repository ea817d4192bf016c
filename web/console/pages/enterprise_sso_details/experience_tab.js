// An SSO connector's "SSO experience" tab, as Logto's Experience form: the connector name, what
// the sign-in page shows (display name, logo, dark-mode logo), the enterprise email domains that
// route people to this IdP, and when the profile syncs from the IdP. One Save sends
// PATCH /api/sso-connectors/:id; an API error shows under the field it names (`domains`,
// `branding.logo`, a taken name).
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
import { radioGroup } from '../../components/controls.js';
import { listEditor } from '../../components/list_editor.js';

function text(name, label, value, props = {}) {
  return field(label, textInput({ name, value: value ?? '', ...props.input }), props);
}

export async function experienceTab(state, ctx, { onSaved }) {
  const c = state.connector;
  const fields = {
    connectorName: text('connectorName', t('sso.exp.name'), c.connectorName, { required: true }),
    'branding.displayName': text(
      'displayName',
      t('sso.exp.display_name'),
      c.branding?.displayName,
      {
        hint: t('sso.exp.display_name_hint'),
      },
    ),
    'branding.logo': text('logo', t('sso.exp.logo'), c.branding?.logo, {
      input: { placeholder: 'https://your.domain/logo.png' },
    }),
    'branding.darkLogo': text('darkLogo', t('sso.exp.dark_logo'), c.branding?.darkLogo, {
      input: { placeholder: 'https://your.domain/dark-mode-logo.png' },
    }),
    domains: listEditor(
      t('sso.exp.domains'),
      (n) => t('sso.exp.domain_n', { n }),
      c.domains ?? [],
      {
        hint: t('sso.exp.domains_hint'),
        placeholder: t('sso.exp.domain_placeholder'),
        onChange: () => ctx.setDirty(true),
      },
    ),
  };
  let sync = c.syncProfile ? 'each' : 'register';
  const syncOptions = ['register', 'each'].map((value) => ({
    value,
    label: t(`sso.exp.sync.${value}`),
  }));
  fields.syncProfile = radioGroup(t('sso.exp.sync'), syncOptions, sync, (value) => {
    sync = value;
  });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('sso.save'), null, { kind: 'primary', type: 'submit' });
  const value = (key) => fields[key].input.value.trim();

  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    for (const f of Object.values(fields)) f.setError('');
    if (!value('connectorName')) {
      fields.connectorName.setError(t('ui.required'));
      fields.connectorName.input.focus();
      return;
    }
    const branding = {};
    for (const key of ['displayName', 'logo', 'darkLogo']) {
      if (value(`branding.${key}`)) branding[key] = value(`branding.${key}`);
    }
    const body = {
      connectorName: value('connectorName'),
      branding,
      domains: fields.domains.values(),
      syncProfile: sync === 'each',
    };
    save.disabled = true;
    try {
      const path = `/sso-connectors/${encodeURIComponent(c.id)}`;
      ({ data: state.connector } = await patch(path, body));
      ctx.setDirty(false);
      toast(t('sso.saved'));
      onSaved();
    } catch (error) {
      const at = fieldAt(error, fields);
      if (at?.target === fields.domains) at.target.setError(error.message, at.rest);
      else showSaveError(error, at?.target, formError);
    } finally {
      save.disabled = false;
    }
  }

  return editForm(
    ctx,
    submit,
    stackCard(
      t('sso.exp.general'),
      h('p', { class: 'muted' }, t('sso.exp.general_intro')),
      fields.connectorName,
      fields.domains,
      fields.syncProfile,
    ),
    stackCard(
      t('sso.exp.display'),
      h('p', { class: 'muted' }, t('sso.exp.display_intro')),
      fields['branding.displayName'],
      fields['branding.logo'],
      fields['branding.darkLogo'],
    ),
    formError,
    h('div', { class: 'row' }, save),
  );
}
