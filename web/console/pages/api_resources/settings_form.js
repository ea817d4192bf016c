// The Settings card's form of an API resource: its identifier (to copy), name, access token
// lifetime, "default API" and custom data (a JSON object). Read-only for a built-in resource.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, copyField, field, showSaveError, textInput, toast } from '../../lib/ui.js';
import { customDataField } from '../../components/custom_data_field.js';

function settingsFields(resource, builtIn) {
  const name = textInput({
    name: 'name',
    value: resource.name,
    maxlength: '256',
    disabled: builtIn,
  });
  const ttl = textInput({
    name: 'accessTokenTtl',
    type: 'number',
    min: '60',
    max: '2592000',
    step: '1',
    value: String(resource.accessTokenTtl ?? 3600),
    disabled: builtIn,
  });
  const isDefault = h('input', {
    type: 'checkbox',
    name: 'isDefault',
    checked: Boolean(resource.isDefault),
    disabled: builtIn,
    role: 'switch',
    'aria-describedby': 'resource-default-hint',
  });
  const defaultField = h(
    'div',
    { class: 'field' },
    h('label', { class: 'check' }, isDefault, t('resource.default')),
    h('p', { class: 'hint', id: 'resource-default-hint' }, t('resource.default_hint')),
  );
  return {
    name: field(t('resource.name'), name, { required: true }),
    ttl: field(t('resource.ttl'), ttl, { hint: t('resource.ttl_hint') }),
    isDefault,
    defaultField,
    customData: customDataField(resource.customData, {
      label: t('resource.custom_data'),
      hint: t('resource.custom_data_hint'),
      readOnly: builtIn,
    }),
  };
}

// The name and lifetime to send, or null after marking what is wrong.
function checked(f) {
  const name = f.name.input.value.trim();
  const ttl = f.ttl.input.value.trim();
  if (!name) {
    f.name.setError(t('ui.required'));
    f.name.input.focus();
    return null;
  }
  if (!/^\d+$/.test(ttl)) {
    f.ttl.setError(t('resource.ttl_invalid'));
    f.ttl.input.focus();
    return null;
  }
  const problem = f.customData.check();
  if (problem) {
    f.customData.setError(problem);
    f.customData.input.focus();
    return null;
  }
  return { name, accessTokenTtl: Number(ttl), customData: f.customData.value() };
}

// `state.resource` is the resource; `onSaved()` runs after it took the saved settings.
export function resourceSettingsForm(state, ctx, { builtIn, onSaved }) {
  const { resource } = state;
  const f = settingsFields(resource, builtIn);
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('resource.save'), null, {
    kind: 'primary',
    type: 'submit',
    disabled: builtIn,
  });
  function edited(e) {
    [f.name, f.ttl, f.customData].find((x) => x.input === e.target)?.setError('');
    ctx.setDirty(!builtIn);
  }
  async function submit(e) {
    e.preventDefault();
    if (builtIn) return;
    formError.hidden = true;
    f.name.setError('');
    f.ttl.setError('');
    f.customData.setError('');
    const body = checked(f);
    if (!body) return;
    save.disabled = true;
    try {
      const path = `/resources/${encodeURIComponent(state.resource.id)}`;
      const { data } = await patch(path, { ...body, isDefault: f.isDefault.checked });
      state.resource = { ...state.resource, ...data };
      ctx.setDirty(false);
      onSaved();
      toast(t('resource.saved'));
    } catch (error) {
      const fields = { name: f.name, accessTokenTtl: f.ttl, customData: f.customData };
      showSaveError(error, fieldFor(error, fields), formError);
    } finally {
      save.disabled = builtIn;
    }
  }
  return h(
    'form',
    { class: 'stack', novalidate: true, oninput: edited, onsubmit: submit },
    copyField(t('resource.identifier'), resource.indicator, { testId: 'resource-indicator' }),
    f.name,
    f.ttl,
    f.defaultField,
    f.customData,
    formError,
    builtIn ? null : h('div', { class: 'row' }, save),
  );
}
