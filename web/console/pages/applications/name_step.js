// The second step of "Create application": the chosen framework and type, the application's
// name and description. Creating it opens its guide page with the congratulation (a SAML app,
// made with POST /api/saml-applications, opens its own page).
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, showSaveError, textInput, toast } from '../../lib/ui.js';
import { appHref, guideHref, typeLabel } from './app_kinds.js';
import { rememberCreated, rememberFramework } from './framework_memory.js';

function nameFields() {
  const nameInput = textInput({
    name: 'name',
    placeholder: t('create.name_placeholder'),
    autofocus: true,
    maxlength: '256',
  });
  const text = h('textarea', { class: 'input', name: 'description', rows: '2' });
  return {
    name: field(t('create.name'), nameInput, { required: true }),
    description: field(t('create.description'), text),
  };
}

function chosen(framework) {
  return h(
    'dl',
    { class: 'kv' },
    h('dt', {}, t('create.framework')),
    h('dd', {}, framework.name),
    h('dt', {}, t('create.type')),
    h('dd', {}, typeLabel(framework.type)),
  );
}

// Draws the step in modal `m`; Back calls `showList`.
export function nameStep(m, framework, navigate, showList) {
  const { name, description } = nameFields();
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('create.submit'), null, { kind: 'primary', type: 'submit' });
  async function send(e) {
    e.preventDefault();
    name.setError('');
    formError.hidden = true;
    const value = name.input.value.trim();
    if (!value) {
      name.setError(t('ui.required'));
      name.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const saml = framework.type === 'SAML';
      const body = saml ? { name: value } : { name: value, type: framework.type };
      const text = description.input.value.trim();
      if (text) body.description = text;
      // A SAML app is made by its own route (Logto's), and opens on its settings: no guide.
      const { data } = await post(saml ? '/saml-applications' : '/applications', body);
      m.close();
      toast(t('create.created', { name: data.name }));
      if (saml) {
        navigate(appHref(data.id));
        return;
      }
      rememberFramework(data.id, framework.id);
      rememberCreated(data.id);
      navigate(guideHref(data.id, framework.id));
    } catch (error) {
      showSaveError(error, fieldFor(error, { name }), formError, { focus: false });
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    chosen(framework),
    name,
    description,
    formError,
    h(
      'div',
      { class: 'row' },
      button(t('create.back'), showList),
      h('span', { class: 'spacer' }),
      submit,
    ),
  );
  replace(m.body, form);
  name.input.focus();
}
