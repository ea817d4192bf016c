// "Send test message" of a configured email or SMS connector: the server's answer (or why the
// provider refused) shows under the address.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { button, errorText, field, textInput, toast } from '../../lib/ui.js';
import { kindOf } from './names.js';

// An API error with its details (e.g. why the provider refused a test message).
function errorWithDetails(error) {
  const details = typeof error?.details === 'string' ? error.details : '';
  return details && details !== error.message
    ? `${errorText(error)} (${details})`
    : errorText(error);
}

export function testMessageForm(connector) {
  const email = kindOf(connector) === 'Email';
  const input = textInput({
    type: email ? 'email' : 'tel',
    name: email ? 'test-email' : 'test-phone',
    autocomplete: 'off',
    placeholder: email ? 'you@example.com' : '+819012345678',
  });
  const to = field(t(email ? 'conn.test.email' : 'conn.test.phone'), input, {
    hint: t('conn.test.text'),
  });
  const send = button(t('conn.test.send'), null, { kind: 'secondary', type: 'submit' });
  async function submit(e) {
    e.preventDefault();
    to.setError('');
    const address = input.value.trim();
    if (!address || (email && !input.checkValidity())) {
      to.setError(t(address ? 'conn.test.invalid_email' : 'ui.required'));
      input.focus();
      return;
    }
    send.disabled = true;
    try {
      const path = `/connectors/${encodeURIComponent(connector.connectorId)}/test`;
      await post(path, email ? { email: address } : { phone: address });
      toast(t('conn.test.sent', { to: address }));
    } catch (error) {
      to.setError(errorWithDetails(error));
      input.focus();
    } finally {
      send.disabled = false;
    }
  }
  return h(
    'form',
    {
      class: 'test-message stack',
      novalidate: true,
      'aria-label': t('conn.test.title'),
      dataset: { kind: email ? 'email' : 'sms' },
      onsubmit: submit,
    },
    h('h3', {}, t('conn.test.title')),
    to,
    h('div', {}, send),
  );
}
