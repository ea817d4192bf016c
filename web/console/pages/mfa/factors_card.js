// The Factors card of the Multi-factor auth page: one checkbox per second factor users may use.
// Email and SMS codes need a message connector: without one their box is off limits (unless it
// is on already, so that it can be turned off) and says where to set one up.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { card, link } from '../../lib/ui.js';
import { checkboxField } from '../../components/controls.js';
import { listError } from '../sign_in_experience/inputs.js';

// In the order the card shows them, which is the order saved for a new set of factors.
export const FACTORS = [
  { factor: 'WebAuthn', label: 'mfa.webauthn', hint: 'mfa.webauthn_description' },
  { factor: 'Totp', label: 'mfa.totp', hint: 'mfa.otp_description' },
  {
    factor: 'PhoneVerificationCode',
    label: 'mfa.phone_verification_code',
    hint: 'mfa.phone_verification_code_description',
    connector: 'sms',
  },
  {
    factor: 'EmailVerificationCode',
    label: 'mfa.email_verification_code',
    hint: 'mfa.email_verification_code_description',
    connector: 'email',
  },
  { factor: 'BackupCode', label: 'mfa.backup_code', hint: 'mfa.backup_code_description' },
];

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

// The factors with `factor` turned on or off; the saved list itself when that is the same set,
// so that turning a box off and on again leaves nothing to save.
function toggled(draft, factor, on) {
  const current = draft.value.mfa?.factors ?? [];
  const wanted = FACTORS.map((f) => f.factor).filter((f) =>
    f === factor ? on : current.includes(f),
  );
  const saved = draft.saved.mfa?.factors ?? [];
  return sameSet(wanted, saved) ? saved : wanted;
}

function factorBox(draft, spec, connectors) {
  const on = (draft.value.mfa?.factors ?? []).includes(spec.factor);
  const missing = spec.connector && !connectors[spec.connector];
  const box = checkboxField(
    t(spec.label),
    on,
    (checked) => draft.merge('mfa', { factors: toggled(draft, spec.factor, checked) }),
    { hint: t(spec.hint), disabled: missing && !on },
  );
  box.dataset.factor = spec.factor;
  if (missing) {
    box.append(
      h(
        'p',
        { class: 'hint' },
        t(`mfa.no_${spec.connector}_connector`),
        ' ',
        link(t('mfa.setup_link'), '/console/connectors/passwordless'),
      ),
    );
  }
  return box;
}

export function factorsCard(draft, connectors) {
  return card(
    t('mfa.factors'),
    h('p', { class: 'muted' }, t('mfa.multi_factors_description')),
    h(
      'div',
      { class: 'stack', role: 'group', 'aria-label': t('mfa.multi_factors') },
      FACTORS.map((spec) => factorBox(draft, spec, connectors)),
    ),
    h('p', { class: 'hint' }, t('mfa.backup_code_setup_hint')),
    listError(draft, 'mfa.factors'),
  );
}
