// "Create organization": name and description; POSTs /api/organizations and hands the new
// organization to onCreated(org).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, modal, showSaveError, textInput } from '../../lib/ui.js';

export function openCreateOrganization(onCreated) {
  const fields = {
    name: field(
      t('orgs.name'),
      textInput({ name: 'name', maxlength: '128', placeholder: t('orgs.name_placeholder') }),
      { required: true },
    ),
    description: field(
      t('orgs.description'),
      textInput({
        name: 'description',
        maxlength: '256',
        placeholder: t('orgs.description_placeholder'),
      }),
    ),
  };
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('orgs.create_submit'), null, { kind: 'primary', type: 'submit' });
  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    Object.values(fields).forEach((f) => f.setError(''));
    const name = fields.name.input.value.trim();
    if (!name) {
      fields.name.setError(t('ui.required'));
      fields.name.input.focus();
      return;
    }
    const description = fields.description.input.value.trim();
    submit.disabled = true;
    try {
      const { data } = await post('/organizations', description ? { name, description } : { name });
      m.close();
      onCreated(data);
    } catch (error) {
      showSaveError(error, fieldFor(error, fields), formError);
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    h('p', { class: 'muted' }, t('orgs.create_intro')),
    fields.name,
    fields.description,
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('orgs.create_title'), content: form });
  fields.name.input.focus();
  return m;
}
