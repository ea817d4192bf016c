// "Create API resource": a modal asking for the name and the API identifier (the resource
// indicator); creating it opens the new resource's page.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, modal, showSaveError, textInput, toast } from '../../lib/ui.js';

function resourceFields() {
  const name = textInput({
    name: 'name',
    placeholder: t('resources.create.name_placeholder'),
    autofocus: true,
    maxlength: '256',
  });
  const indicator = textInput({
    name: 'indicator',
    type: 'url',
    placeholder: 'https://api.example.com',
    class: 'input mono',
  });
  return {
    name: field(t('resources.create.name'), name, { required: true }),
    indicator: field(t('resources.create.indicator'), indicator, {
      required: true,
      hint: t('resources.create.indicator_hint'),
    }),
  };
}

export function openCreateResource({ navigate }) {
  const { name, indicator } = resourceFields();
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('resources.create.submit'), null, { kind: 'primary', type: 'submit' });
  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    name.setError('');
    indicator.setError('');
    const body = { name: name.input.value.trim(), indicator: indicator.input.value.trim() };
    // Both empty fields say so; the first of them gets the focus.
    let bad = null;
    if (!body.indicator) {
      indicator.setError(t('ui.required'));
      bad = indicator;
    }
    if (!body.name) {
      name.setError(t('ui.required'));
      bad = name;
    }
    if (bad) {
      bad.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const { data } = await post('/resources', body);
      m.close();
      toast(t('resources.created', { name: data.name }));
      navigate(`/console/api-resources/${encodeURIComponent(data.id)}`);
    } catch (error) {
      showSaveError(error, fieldFor(error, { name, indicator }), formError);
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    name,
    indicator,
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('resources.create.title'), content: form });
  name.input.focus();
  return m;
}
