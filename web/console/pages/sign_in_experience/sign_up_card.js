// Sign-up: the identifier new users register with, and whether they set a password and verify
// their email or phone.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { card, field } from '../../lib/ui.js';
import { checkboxField, selectInput } from '../../components/controls.js';

const IDENTIFIERS = [
  { key: 'username', value: ['username'] },
  { key: 'email', value: ['email'] },
  { key: 'phone', value: ['phone'] },
  { key: 'email_or_phone', value: ['email', 'phone'] },
  { key: 'none', value: [] },
];

function identifierKey(ids = []) {
  const sorted = [...ids].sort().join(',');
  return IDENTIFIERS.find((o) => [...o.value].sort().join(',') === sorted)?.key ?? 'username';
}

// A new identifier choice, with the password and verification it implies.
function signUpFor(current, key) {
  const identifiers = [...IDENTIFIERS.find((o) => o.key === key).value];
  const signUp = { ...current, identifiers };
  if (!identifiers.length) return { ...signUp, password: false, verify: false };
  if (identifiers.includes('username')) return { ...signUp, password: true, verify: false };
  return { ...signUp, verify: true };
}

function identifierField(draft, key) {
  const focus = '[data-path="signUp.identifiers"]';
  const choose = (next) =>
    draft.set('signUp', signUpFor(draft.value.signUp, next), { redraw: true, focus });
  const options = IDENTIFIERS.map((o) => ({ value: o.key, label: t(`sie.id.${o.key}`) }));
  const select = selectInput(options, key, choose, { 'data-path': 'signUp.identifiers' });
  const hint = key === 'none' ? t('sie.none_hint') : undefined;
  return draft.field('signUp', field(t('sie.signup_identifier'), select, { hint }));
}

export function signUpCard(draft) {
  const signUp = draft.value.signUp ?? {};
  const ids = signUp.identifiers ?? [];
  const hasContact = ids.includes('email') || ids.includes('phone');
  const password = checkboxField(
    t('sie.create_password'),
    Boolean(signUp.password),
    (on) => draft.merge('signUp', { password: on }),
    { hint: t('sie.create_password_hint'), disabled: ids.includes('username') },
  );
  const verify = checkboxField(
    t('sie.verify'),
    Boolean(signUp.verify),
    (on) => draft.merge('signUp', { verify: on }),
    { hint: t('sie.verify_hint'), disabled: !signUp.password },
  );
  return card(
    t('sie.signup'),
    h('p', { class: 'muted' }, t('sie.signup_text')),
    h(
      'div',
      { class: 'stack' },
      identifierField(draft, identifierKey(ids)),
      ids.length ? password : null,
      hasContact ? verify : null,
    ),
  );
}
