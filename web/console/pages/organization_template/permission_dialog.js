// "Create organization permission" and "Edit organization permission": name and description;
// POSTs /api/organization-scopes or PATCHes /api/organization-scopes/:id, then onSaved(scope).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch, post } from '../../lib/api.js';
import { button, field, modal, showSaveError, textInput } from '../../lib/ui.js';
import { fieldOfError } from '../organizations/org_kinds.js';

// `scope`: the permission to edit, or undefined to create one.
export function openPermissionDialog(scope, onSaved) {
  const fields = {
    name: field(
      t('org_perms.name'),
      textInput({
        name: 'name',
        maxlength: '256',
        value: scope?.name ?? '',
        placeholder: t('org_perms.name_placeholder'),
      }),
      { required: true },
    ),
    description: field(
      t('org_perms.description'),
      textInput({
        name: 'description',
        maxlength: '256',
        value: scope?.description ?? '',
        placeholder: t('org_perms.description_placeholder'),
      }),
    ),
  };
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const label = scope ? t('org_perms.save') : t('org_perms.create_submit');
  const submit = button(label, null, { kind: 'primary', type: 'submit' });

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
    const body = { name, description: description || null };
    submit.disabled = true;
    try {
      const { data } = scope
        ? await patch(`/organization-scopes/${encodeURIComponent(scope.id)}`, body)
        : await post('/organization-scopes', body);
      m.close();
      onSaved(data ?? { ...scope, ...body });
    } catch (error) {
      showSaveError(error, fieldOfError(error, fields), formError);
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
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
  const title = scope ? t('org_perms.edit_title') : t('org_perms.create_title');
  const m = modal({ title, content: form });
  fields.name.input.focus();
  return m;
}
