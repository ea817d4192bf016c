// "Create permission": a modal asking for a permission's (scope's) name and description; POSTs
// it to the resource and hands the created scope to onCreated(scope).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, modal, showSaveError, textInput, toast } from '../../lib/ui.js';

function permissionFields() {
  const name = textInput({
    name: 'name',
    class: 'input mono',
    placeholder: 'read:books',
    autofocus: true,
    maxlength: '256',
  });
  const description = textInput({
    name: 'description',
    placeholder: t('resource.perm.description_placeholder'),
  });
  return {
    name: field(t('resource.perm.name'), name, {
      required: true,
      hint: t('resource.perm.name_hint'),
    }),
    description: field(t('resource.perm.description'), description),
  };
}

// `path`: the resource's API path (/resources/<id>).
export function openCreatePermission(path, onCreated) {
  const { name, description } = permissionFields();
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('resource.perm.submit'), null, { kind: 'primary', type: 'submit' });
  async function send(e) {
    e.preventDefault();
    name.setError('');
    formError.hidden = true;
    const body = { name: name.input.value.trim() };
    const text = description.input.value.trim();
    if (text) body.description = text;
    if (!body.name) {
      name.setError(t('ui.required'));
      name.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const { data } = await post(`${path}/scopes`, body);
      m.close();
      onCreated(data);
      toast(t('resource.perm.created', { name: data.name }));
    } catch (error) {
      showSaveError(error, fieldFor(error, { name }), formError);
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    name,
    description,
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('resource.create_permission'), content: form });
  name.input.focus();
}
