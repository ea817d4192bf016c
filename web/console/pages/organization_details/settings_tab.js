// An organization's Settings tab: name and description, custom data (a JSON object), "Require
// MFA" and branding (brand colours, logos), saved together with one PATCH of what changed; then
// the danger zone with "Delete organization". The form edits a draft (the sign-in experience's),
// so an API error naming a field (`name`, `color`, `branding`) shows under it.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, patch } from '../../lib/api.js';
import { fieldAt } from '../../lib/field_errors.js';
import { busy, button, card, confirmDialog, field, showSaveError, toast } from '../../lib/ui.js';
import { checkboxField } from '../../components/controls.js';
import { dangerZone } from '../../components/danger_zone.js';
import { createDraft } from '../sign_in_experience/draft.js';
import { colorField, textField, urlField } from '../sign_in_experience/inputs.js';
import { parseObject } from '../../components/custom_data_field.js';

const EDITED = ['name', 'description', 'customData', 'isMfaRequired', 'color', 'branding'];

// Leaves out the members of a colour or branding object that were cleared.
const compact = (object) =>
  Object.fromEntries(Object.entries(object ?? {}).filter(([, v]) => v !== '' && v !== undefined));

function customDataField(draft) {
  const input = h('textarea', { class: 'input mono', name: 'customData', rows: '6' });
  input.setAttribute('spellcheck', 'false');
  input.value = JSON.stringify(draft.value.customData ?? {}, null, 2);
  const wrap = field(t('org.settings.custom_data'), input, {
    hint: t('org.settings.custom_data_hint'),
  });
  input.addEventListener('input', () => {
    const { value } = parseObject(input);
    if (value) draft.set('customData', value);
  });
  wrap.check = () => parseObject(input).problem;
  return draft.field('customData', wrap);
}

function brandingCard(draft) {
  const area = h('div', { class: 'stack' });
  const draw = () => {
    const dark = Boolean(draft.value.color?.isDarkModeEnabled);
    const toggleDark = (on) => {
      draft.merge('color', { isDarkModeEnabled: on });
      draw();
    };
    replace(
      area,
      h('p', { class: 'muted' }, t('org.settings.branding_intro')),
      // The API names `color` or `branding` as a whole: its errors show here and under the logo.
      draft.field('color', colorField(draft, 'color.primaryColor', t('org.settings.brand_color'))),
      checkboxField(t('org.settings.dark_enabled'), dark, toggleDark),
      dark ? colorField(draft, 'color.darkPrimaryColor', t('org.settings.dark_color')) : null,
      draft.field('branding', urlField(draft, 'branding.logoUrl', t('org.settings.logo'))),
      dark ? urlField(draft, 'branding.darkLogoUrl', t('org.settings.dark_logo')) : null,
    );
  };
  draw();
  return card(t('org.settings.branding'), area);
}

function settingsForm(state, ctx, onSaved) {
  const path = `/organizations/${encodeURIComponent(state.org.id)}`;
  const saved = { ...state.org, description: state.org.description ?? '' };
  const draft = createDraft(saved, {
    changed: () => ctx.setDirty(draft.dirty()),
    redraw: () => {},
    edited: EDITED,
  });
  const custom = customDataField(draft);
  const mfa = checkboxField(
    t('org.settings.mfa_required'),
    Boolean(saved.isMfaRequired),
    (on) => draft.set('isMfaRequired', on),
    { hint: t('org.settings.mfa_hint') },
  );
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('org.settings.save'), null, { kind: 'primary', type: 'submit' });

  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    for (const f of draft.fields.values()) f.setError?.('');
    const problem = custom.check();
    if (problem) {
      custom.setError(problem);
      custom.input.focus();
      return;
    }
    const body = draft.changes();
    if (body.name !== undefined && !body.name) {
      draft.fields.get('name').setError(t('ui.required'));
      return;
    }
    if ('description' in body) body.description = body.description || null;
    if (body.color) body.color = compact(body.color);
    if (body.branding) body.branding = compact(body.branding);
    save.disabled = true;
    try {
      if (Object.keys(body).length) ({ data: state.org } = await patch(path, body));
      draft.reset({ ...state.org, description: state.org.description ?? '' });
      ctx.setDirty(false);
      onSaved();
      toast(t('org.settings.saved'));
    } catch (error) {
      showSaveError(error, fieldAt(error, Object.fromEntries(draft.fields))?.target, formError);
    } finally {
      save.disabled = false;
    }
  }
  return h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: submit },
    card(
      t('org.settings.general'),
      h(
        'div',
        { class: 'stack' },
        h('p', { class: 'muted' }, t('org.settings.intro')),
        textField(draft, 'name', t('org.settings.name')),
        textField(draft, 'description', t('org.settings.description'), {
          placeholder: t('orgs.description_placeholder'),
        }),
        custom,
      ),
    ),
    card(t('org.settings.mfa'), mfa),
    brandingCard(draft),
    formError,
    h('div', { class: 'row' }, save),
  );
}

function deleteZone(state, ctx) {
  async function remove() {
    const ok = await confirmDialog({
      title: t('org.delete_title'),
      message: t('org.delete_body', { name: state.org.name }),
      confirmLabel: t('org.delete'),
    });
    if (!ok) return;
    await busy(deleteButton, async () => {
      await del(`/organizations/${encodeURIComponent(state.org.id)}`);
      ctx.setDirty(false);
      toast(t('org.deleted', { name: state.org.name }));
      ctx.navigate('/console/organizations', { replace: true });
    });
  }
  const deleteButton = button(t('org.delete'), remove, { kind: 'danger' });
  return dangerZone(t('org.danger'), t('org.delete_text'), deleteButton);
}

export async function settingsTab(state, ctx, { onSaved }) {
  return h('div', {}, settingsForm(state, ctx, onSaved), deleteZone(state, ctx));
}
