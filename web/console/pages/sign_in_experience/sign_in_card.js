// Sign-in: the ways existing users sign in (username, email, phone; each by password and/or
// verification code), in the order the sign-in page offers them.
import { h, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { button, card, field } from '../../lib/ui.js';
import { selectInput } from '../../components/controls.js';
import { reorderButtons } from '../../components/reorder_buttons.js';
import { listError } from './inputs.js';

const IDENTIFIERS = ['username', 'email', 'phone'];

// A checkbox inside a method's row.
function check(label, checked, onchange) {
  const id = uid('chk');
  const input = h('input', {
    type: 'checkbox',
    id,
    checked,
    onchange: (e) => onchange(e.target.checked),
  });
  return h('label', { class: 'check', for: id }, input, label);
}

// One method's row. A method keeps at least one of password and code; a username has no code.
function methodRow(method, i, methods, setMethods) {
  const label = t(`sie.id.${method.identifier}`);
  const update = (change) => setMethods(methods.map((m, j) => (j === i ? { ...m, ...change } : m)));
  const byUsername = method.identifier === 'username';
  const password = check(t('sie.method.password'), Boolean(method.password), (on) =>
    update({
      password: on,
      verificationCode: byUsername ? false : on ? method.verificationCode : true,
    }),
  );
  const code = check(t('sie.method.code'), Boolean(method.verificationCode), (on) =>
    update({ verificationCode: on, password: on ? method.password : true }),
  );
  return h(
    'li',
    { dataset: { identifier: method.identifier } },
    h('strong', { class: 'method-name' }, label),
    password,
    byUsername ? null : code,
    h('span', { class: 'spacer' }),
    reorderButtons(methods, i, {
      label,
      attribute: 'identifier',
      key: method.identifier,
      change: setMethods,
    }),
  );
}

// "Add sign-in method" with the identifiers not in the list yet.
function adder(methods, setMethods) {
  const missing = IDENTIFIERS.filter((id) => !methods.some((m) => m.identifier === id));
  if (!missing.length) return null;
  const options = missing.map((id) => ({ value: id, label: t(`sie.id.${id}`) }));
  const pick = selectInput(options, missing[0], () => {});
  const add = () => {
    const identifier = pick.value;
    const method = {
      identifier,
      password: true,
      verificationCode: identifier !== 'username',
      isPasswordPrimary: true,
    };
    setMethods([...methods, method]);
  };
  return h(
    'div',
    { class: 'row' },
    field(t('sie.method.add'), pick),
    button(t('sie.method.add_button'), add),
  );
}

export function signInCard(draft) {
  const methods = draft.value.signIn?.methods ?? [];
  const setMethods = (next, focus) =>
    draft.merge('signIn', { methods: next }, { redraw: true, focus });
  const rows = methods.map((m, i) => methodRow(m, i, methods, setMethods));
  const noPassword = !methods.some((m) => m.password);
  return card(
    t('sie.signin'),
    h('p', { class: 'muted' }, t('sie.signin_text')),
    rows.length
      ? h('ol', { class: 'sortable sign-in-methods' }, rows)
      : h('p', { class: 'muted' }, t('sie.method.none')),
    noPassword ? h('p', { class: 'warning', role: 'note' }, t('sie.no_password_warning')) : null,
    listError(draft, 'signIn'),
    adder(methods, setMethods),
  );
}
