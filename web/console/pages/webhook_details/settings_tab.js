// A webhook's Settings tab: name, endpoint URL, events, custom headers and "Enabled", saved with
// PATCH ("Save webhook"); "Send test" posts the form's events and endpoint to /test; the signing
// key card shows the key and regenerates it; the danger zone deletes the hook.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, patch, post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import {
  busy,
  button,
  card,
  confirmDialog,
  copyField,
  editForm,
  field,
  showSaveError,
  stackCard,
  textInput,
  toast,
} from '../../lib/ui.js';
import { checkboxField } from '../../components/controls.js';
import { dangerZone } from '../../components/danger_zone.js';
import { eventPicker } from '../webhooks/hook_events.js';
import { headersEditor } from './headers_editor.js';

const path = (hook, rest = '') => `/hooks/${encodeURIComponent(hook.id)}${rest}`;

function settingsForm(state, ctx, { onSaved }) {
  const { hook } = state;
  const dirty = () => ctx.setDirty(true);
  const fields = {
    name: field(
      t('webhooks.name'),
      textInput({ name: 'name', maxlength: '256', value: hook.name }),
    ),
    'config.url': field(
      t('webhooks.url'),
      textInput({ name: 'url', type: 'url', value: hook.config.url }),
      { required: true, hint: t('webhooks.url_hint') },
    ),
  };
  const events = eventPicker(hook.events);
  const headers = headersEditor(hook.config.headers, dirty);
  fields.events = events;
  fields['config.headers'] = headers;
  let enabled = hook.enabled;
  const enabledBox = checkboxField(
    t('webhook.enabled'),
    enabled,
    (on) => {
      enabled = on;
      dirty();
    },
    { hint: t('webhook.enabled_hint') },
  );
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('webhook.save'), null, { kind: 'primary', type: 'submit' });

  const config = () => {
    const out = { url: fields['config.url'].input.value.trim(), headers: headers.headers() };
    if (state.hook.config.retries !== undefined) out.retries = state.hook.config.retries;
    return out;
  };
  const clear = () => {
    formError.hidden = true;
    Object.values(fields).forEach((f) => f.setError(''));
  };
  const show = (error) => {
    const target = fieldFor(error, fields);
    if (target && !target.input) target.setError(error.message);
    else showSaveError(error, target, formError);
  };
  async function submit(e) {
    e.preventDefault();
    clear();
    if (!events.selected().length) return events.setError(t('webhooks.events_required'));
    const body = {
      name: fields.name.input.value.trim(),
      events: events.selected(),
      config: config(),
      enabled,
    };
    save.disabled = true;
    try {
      ({ data: state.hook } = await patch(path(hook), body));
      ctx.setDirty(false);
      onSaved();
      toast(t('webhook.saved'));
    } catch (error) {
      show(error);
    } finally {
      save.disabled = false;
    }
    return undefined;
  }
  async function sendTest() {
    clear();
    if (!events.selected().length) return events.setError(t('webhooks.events_required'));
    await busy(testButton, async () => {
      try {
        await post(path(hook, '/test'), { events: events.selected(), config: config() });
        toast(t('webhook.test_sent'));
      } catch (error) {
        if (error.code === 'hook.endpoint_responded_with_error') {
          toast(t('webhook.test_refused'), 'error');
        } else {
          show(error);
        }
      }
    });
    return undefined;
  }
  const testButton = button(t('webhook.send_test'), sendTest, { kind: 'secondary' });
  return editForm(
    ctx,
    submit,
    fields.name,
    fields['config.url'],
    events,
    headers,
    enabledBox,
    formError,
    h('div', { class: 'row' }, save, testButton),
  );
}

function signingKeyCard(state) {
  const area = h('div');
  const draw = () =>
    area.replaceChildren(
      copyField(t('webhook.signing_key'), state.hook.signingKey, {
        secret: true,
        testId: 'signing-key',
      }),
    );
  async function regenerate() {
    const ok = await confirmDialog({
      title: t('webhook.regenerate_title'),
      message: t('webhook.regenerate_body'),
      confirmLabel: t('webhook.regenerate'),
    });
    if (!ok) return;
    await busy(regenerateButton, async () => {
      ({ data: state.hook } = await patch(path(state.hook, '/signing-key')));
      draw();
      toast(t('webhook.regenerated'));
    });
  }
  const regenerateButton = button(t('webhook.regenerate'), regenerate, { kind: 'secondary' });
  draw();
  return stackCard(
    t('webhook.signing_key_title'),
    h('p', { class: 'muted' }, t('webhook.signing_key_intro')),
    area,
    h('div', { class: 'row' }, regenerateButton),
  );
}

function deleteZone(state, ctx) {
  async function remove() {
    const ok = await confirmDialog({
      title: t('webhook.delete_title'),
      message: t('webhook.delete_body', { name: state.hook.name || state.hook.id }),
      confirmLabel: t('webhook.delete'),
    });
    if (!ok) return;
    await busy(deleteButton, async () => {
      await del(path(state.hook));
      ctx.setDirty(false);
      toast(t('webhook.deleted'));
      ctx.navigate('/console/webhooks', { replace: true });
    });
  }
  const deleteButton = button(t('webhook.delete'), remove, { kind: 'danger' });
  return dangerZone(t('webhook.danger'), t('webhook.delete_text'), deleteButton);
}

export async function settingsTab(state, ctx, options) {
  return h(
    'div',
    {},
    card(t('webhook.settings_title'), settingsForm(state, ctx, options)),
    signingKeyCard(state),
    deleteZone(state, ctx),
  );
}
