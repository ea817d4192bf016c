// The Trusted devices and Passkey sign-in cards of the Multi-factor auth page: remembering a
// browser for N days after a second factor, and "Continue with passkey" on the first screen.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { card, field, textInput } from '../../lib/ui.js';
import { checkboxField } from '../../components/controls.js';

const MIN_DAYS = 1;
const MAX_DAYS = 365;

// The duration in days; a value out of range is shown as a mistake and not put in the draft.
// Registered for the API's errors about `trustedDevice.durationDays`.
function durationField(draft) {
  const input = textInput({
    type: 'number',
    min: String(MIN_DAYS),
    max: String(MAX_DAYS),
    step: '1',
    value: String(draft.value.trustedDevice?.durationDays ?? 30),
  });
  const wrapper = field(t('mfa.trusted_device.duration_title'), input, {
    hint: t('mfa.trusted_device.duration_note'),
  });
  input.addEventListener('input', () => {
    const days = Number(input.value);
    const ok = Number.isInteger(days) && days >= MIN_DAYS && days <= MAX_DAYS;
    wrapper.setError(
      ok ? '' : t('mfa.trusted_device.duration_error', { min: MIN_DAYS, max: MAX_DAYS }),
    );
    if (ok) draft.merge('trustedDevice', { durationDays: days });
  });
  return draft.field('trustedDevice.durationDays', wrapper);
}

export function trustedDeviceCard(draft) {
  const enabled = Boolean(draft.value.trustedDevice?.enabled);
  const toggle = checkboxField(
    t('mfa.trusted_device.enable_title'),
    enabled,
    (on) => draft.merge('trustedDevice', { enabled: on }, { redraw: true }),
    { hint: t('mfa.trusted_device.enable_description') },
  );
  return card(
    t('mfa.trusted_device.title'),
    h('p', { class: 'muted' }, t('mfa.trusted_device.description')),
    h('div', { class: 'stack' }, toggle, enabled ? durationField(draft) : null),
  );
}

export function passkeyCard(draft) {
  const value = draft.value.passkeySignIn ?? {};
  const set = (member, options) => (on) => draft.merge('passkeySignIn', { [member]: on }, options);
  return card(
    t('mfa.passkey.title'),
    h('p', { class: 'muted' }, t('mfa.passkey.description')),
    h(
      'div',
      { class: 'stack' },
      checkboxField(
        t('mfa.passkey.enable'),
        Boolean(value.enabled),
        set('enabled', { redraw: true }),
      ),
      value.enabled
        ? checkboxField(
            t('mfa.passkey.show_button'),
            value.showPasskeyButton !== false,
            set('showPasskeyButton'),
            { hint: t('mfa.passkey.show_button_tip') },
          )
        : null,
      value.enabled
        ? checkboxField(
            t('mfa.passkey.allow_autofill'),
            Boolean(value.allowAutofill),
            set('allowAutofill'),
          )
        : null,
    ),
  );
}
