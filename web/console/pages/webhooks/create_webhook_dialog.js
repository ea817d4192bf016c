// "Create webhook": name, endpoint URL and events; POSTs /api/hooks and hands the hook to
// onCreated(hook).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, modal, showSaveError, textInput } from '../../lib/ui.js';
import { eventPicker } from './hook_events.js';

export function openCreateWebhook(onCreated) {
  const fields = {
    name: field(t('webhooks.name'), textInput({ name: 'name', maxlength: '256' }), {
      required: true,
    }),
    'config.url': field(
      t('webhooks.url'),
      textInput({ name: 'url', type: 'url', placeholder: 'https://' }),
      { required: true, hint: t('webhooks.url_hint') },
    ),
  };
  const events = eventPicker(['PostRegister']);
  fields.events = events;
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('webhooks.create_submit'), null, { kind: 'primary', type: 'submit' });

  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    fields.name.setError('');
    fields['config.url'].setError('');
    events.setError('');
    const name = fields.name.input.value.trim();
    const url = fields['config.url'].input.value.trim();
    if (!name) return fields.name.setError(t('ui.required'));
    if (!url) return fields['config.url'].setError(t('ui.required'));
    if (!events.selected().length) return events.setError(t('webhooks.events_required'));
    submit.disabled = true;
    try {
      const { data } = await post('/hooks', { name, events: events.selected(), config: { url } });
      m.close();
      onCreated(data);
    } catch (error) {
      const target = fieldFor(error, fields);
      if (target === events) events.setError(error.message);
      else showSaveError(error, target, formError);
    } finally {
      submit.disabled = false;
    }
    return undefined;
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    h('p', { class: 'muted' }, t('webhooks.create_intro')),
    fields.name,
    fields['config.url'],
    events,
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('webhooks.create_title'), content: form, wide: true });
  fields.name.input.focus();
  return m;
}
