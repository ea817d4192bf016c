// An organization role's General tab: name and description, saved with PATCH; then the danger
// zone with "Delete role".
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, patch } from '../../lib/api.js';
import {
  busy,
  button,
  card,
  confirmDialog,
  field,
  showSaveError,
  textInput,
  toast,
  editForm,
} from '../../lib/ui.js';
import { dangerZone } from '../../components/danger_zone.js';
import { fieldOfError } from '../organizations/org_kinds.js';

function settingsForm(state, ctx, onSaved) {
  const path = `/organization-roles/${encodeURIComponent(state.role.id)}`;
  const fields = {
    name: field(
      t('org_role.general.name'),
      textInput({ name: 'name', maxlength: '128', value: state.role.name }),
      { required: true },
    ),
    description: field(
      t('org_role.general.description'),
      textInput({
        name: 'description',
        maxlength: '256',
        value: state.role.description ?? '',
        placeholder: t('org_role.general.description_placeholder'),
      }),
    ),
  };
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('org_role.general.save'), null, { kind: 'primary', type: 'submit' });
  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    Object.values(fields).forEach((f) => f.setError(''));
    const name = fields.name.input.value.trim();
    if (!name) {
      fields.name.setError(t('ui.required'));
      fields.name.input.focus();
      return;
    }
    const description = fields.description.input.value.trim() || null;
    save.disabled = true;
    try {
      ({ data: state.role } = await patch(path, { name, description }));
      ctx.setDirty(false);
      onSaved();
      toast(t('org_role.general.saved'));
    } catch (error) {
      showSaveError(error, fieldOfError(error, fields), formError);
    } finally {
      save.disabled = false;
    }
  }
  return editForm(
    ctx,
    submit,
    h('p', { class: 'muted' }, t('org_role.general.intro')),
    fields.name,
    fields.description,
    formError,
    h('div', { class: 'row' }, save),
  );
}

function deleteZone(state, ctx) {
  async function remove() {
    const { role } = state;
    const ok = await confirmDialog({
      title: t('org_role.delete_title'),
      message: t('org_role.delete_body', { name: role.name }),
      confirmLabel: t('org_role.delete'),
    });
    if (!ok) return;
    await busy(deleteButton, async () => {
      await del(`/organization-roles/${encodeURIComponent(role.id)}`);
      ctx.setDirty(false);
      toast(t('org_role.deleted', { name: role.name }));
      ctx.navigate('/console/organization-template/organization-roles', { replace: true });
    });
  }
  const deleteButton = button(t('org_role.delete'), remove, { kind: 'danger' });
  return dangerZone(t('org_role.danger'), t('org_role.delete_text'), deleteButton);
}

export async function generalTab(state, ctx, { onSaved }) {
  return h(
    'div',
    {},
    card(t('org_role.general.title'), settingsForm(state, ctx, onSaved)),
    deleteZone(state, ctx),
  );
}
