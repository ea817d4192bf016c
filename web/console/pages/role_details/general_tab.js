// A role's General tab: name, description and (User roles) "Default role", saved with PATCH;
// then the danger zone with Delete role. A built-in role's settings are shown disabled.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, patch } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
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
import { checkboxField } from '../../components/controls.js';
import { dangerZone } from '../../components/danger_zone.js';
import { USER } from '../roles/role_kinds.js';

function settingsForm(state, ctx, { builtIn, onSaved }) {
  const { role } = state;
  const fields = {
    name: field(
      t('role.general.name'),
      textInput({ name: 'name', maxlength: '128', value: role.name, disabled: builtIn }),
      { required: true },
    ),
    description: field(
      t('role.general.description'),
      textInput({
        name: 'description',
        maxlength: '128',
        value: role.description,
        disabled: builtIn,
      }),
      { required: true },
    ),
  };
  let isDefault = role.isDefault;
  const defaultBox =
    role.type === USER
      ? checkboxField(
          t('role.general.default'),
          isDefault,
          (on) => {
            isDefault = on;
            ctx.setDirty(true);
          },
          { hint: t('role.general.default_hint'), disabled: builtIn },
        )
      : null;
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('role.general.save'), null, {
    kind: 'primary',
    type: 'submit',
    disabled: builtIn,
  });

  function changes() {
    const body = {};
    for (const [key, f] of Object.entries(fields)) {
      const value = f.input.value.trim();
      if (value !== state.role[key]) body[key] = value;
    }
    if (defaultBox && isDefault !== state.role.isDefault) body.isDefault = isDefault;
    return body;
  }
  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    Object.values(fields).forEach((f) => f.setError(''));
    const body = changes();
    const missing = Object.entries(fields).find(([key]) => body[key] === '');
    if (missing) {
      missing[1].setError(t('ui.required'));
      missing[1].input.focus();
      return;
    }
    save.disabled = true;
    try {
      if (Object.keys(body).length) {
        ({ data: state.role } = await patch(`/roles/${encodeURIComponent(role.id)}`, body));
      }
      ctx.setDirty(false);
      onSaved();
      toast(t('role.general.saved'));
    } catch (error) {
      showSaveError(error, fieldFor(error, fields), formError);
    } finally {
      save.disabled = false;
    }
  }
  return editForm(
    ctx,
    submit,
    h('p', { class: 'muted' }, t('role.general.intro')),
    fields.name,
    fields.description,
    defaultBox,
    formError,
    builtIn ? null : h('div', { class: 'row' }, save),
  );
}

function deleteZone(state, ctx) {
  async function remove() {
    const { role } = state;
    const ok = await confirmDialog({
      title: t('role.delete_title'),
      message: t('role.delete_body', { name: role.name }),
      confirmLabel: t('role.delete'),
    });
    if (!ok) return;
    await busy(deleteButton, async () => {
      await del(`/roles/${encodeURIComponent(role.id)}`);
      ctx.setDirty(false);
      toast(t('role.deleted', { name: role.name }));
      ctx.navigate('/console/roles', { replace: true });
    });
  }
  const deleteButton = button(t('role.delete'), remove, { kind: 'danger' });
  return dangerZone(t('role.danger'), t('role.delete_text'), deleteButton);
}

export async function generalTab(state, ctx, options) {
  return h(
    'div',
    {},
    card(t('role.general.title'), settingsForm(state, ctx, options)),
    options.builtIn ? null : deleteZone(state, ctx),
  );
}
