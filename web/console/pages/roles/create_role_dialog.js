// "Create role": name, description, type (User or Machine-to-machine) and the permissions picked
// from the API resources; POSTs /api/roles with scopeIds and hands the role to onCreated(role).
import { h, replace, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, modal, showSaveError, textInput } from '../../lib/ui.js';
import { permissionPicker } from './permission_picker.js';
import { M2M, USER, roleTypeLabel } from './role_kinds.js';

function roleFields() {
  const name = textInput({
    name: 'name',
    maxlength: '128',
    placeholder: t('roles.name_placeholder'),
  });
  const description = textInput({
    name: 'description',
    maxlength: '128',
    placeholder: t('roles.description_placeholder'),
  });
  return {
    name: field(t('roles.name'), name, { required: true }),
    description: field(t('roles.description'), description, { required: true }),
  };
}

// The type as two radio buttons; onPick(type) when it changes.
function typeChoice(onPick) {
  const name = uid('type');
  const option = (type, hint) => {
    const id = uid('radio');
    return h(
      'label',
      { class: 'check', for: id },
      h('input', { type: 'radio', id, name, value: type, checked: type === USER }),
      h(
        'span',
        {},
        h('strong', {}, roleTypeLabel(type)),
        h('span', { class: 'muted small' }, ` ${hint}`),
      ),
    );
  };
  return h(
    'fieldset',
    { class: 'radio-group', onchange: (e) => onPick(e.target.value) },
    h('legend', {}, t('roles.type')),
    option(USER, t('roles.type_user_hint')),
    option(M2M, t('roles.type_m2m_hint')),
  );
}

export function openCreateRole(onCreated) {
  const fields = roleFields();
  let type = USER;
  const pickerArea = h('div');
  let picker;
  const drawPicker = () => {
    picker = permissionPicker({ type });
    replace(pickerArea, picker.el);
  };
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('roles.create_submit'), null, { kind: 'primary', type: 'submit' });

  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    Object.values(fields).forEach((f) => f.setError(''));
    const body = {
      name: fields.name.input.value.trim(),
      description: fields.description.input.value.trim(),
      type,
      scopeIds: picker.selected(),
    };
    const missing = Object.entries(fields).find(([key]) => !body[key]);
    if (missing) {
      missing[1].setError(t('ui.required'));
      missing[1].input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const { data } = await post('/roles', body);
      m.close();
      onCreated(data);
    } catch (error) {
      showSaveError(error, fieldFor(error, fields), formError);
    } finally {
      submit.disabled = false;
    }
  }
  // A new value clears the message about the old one.
  const clearOne = (e) =>
    Object.values(fields)
      .find((f) => f.input === e.target)
      ?.setError('');
  const form = h(
    'form',
    { class: 'stack', novalidate: true, oninput: clearOne, onsubmit: send },
    h('p', { class: 'muted' }, t('roles.create_intro')),
    fields.name,
    fields.description,
    typeChoice((next) => {
      type = next;
      drawPicker();
    }),
    h('div', { class: 'field' }, h('span', { class: 'label' }, t('roles.permissions')), pickerArea),
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  drawPicker();
  const m = modal({ title: t('roles.create_title'), content: form, wide: true });
  fields.name.input.focus();
  return m;
}
