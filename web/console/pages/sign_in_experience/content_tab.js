// The Content tab: the sign-in page's languages and the terms users agree to. Also the sign-in
// mode card of the Sign-up and sign-in tab.
import { h } from '../../lib/dom.js';
import { languages, t } from '../../lib/i18n.js';
import { card, field } from '../../lib/ui.js';
import { checkboxField, selectInput } from '../../components/controls.js';
import { urlField } from './inputs.js';

const MODES = ['SignInAndRegister', 'SignIn', 'Register'];
const AGREE = ['Automatic', 'ManualRegistrationOnly', 'Manual'];

// A select field of `values` (labelled `${prefix}${value}`) for the part `key` of the draft.
function choiceField(draft, key, label, values, prefix, fallback) {
  const options = values.map((value) => ({ value, label: t(`${prefix}${value}`) }));
  const select = selectInput(options, draft.value[key] ?? fallback, (v) => draft.set(key, v));
  return draft.field(key, field(label, select));
}

function languagesCard(draft) {
  const info = draft.value.languageInfo ?? {};
  const options = languages.map((l) => ({ value: l.code, label: l.label }));
  const fallback = selectInput(options, info.fallbackLanguage ?? 'en', (v) =>
    draft.merge('languageInfo', { fallbackLanguage: v }),
  );
  const autoDetect = checkboxField(
    t('sie.auto_detect'),
    Boolean(info.autoDetect),
    (on) => draft.merge('languageInfo', { autoDetect: on }),
    { hint: t('sie.auto_detect_hint') },
  );
  return card(
    t('sie.languages'),
    h(
      'div',
      { class: 'stack' },
      autoDetect,
      draft.field('languageInfo', field(t('sie.fallback'), fallback)),
    ),
  );
}

export function contentTab(draft) {
  const terms = card(
    t('sie.terms'),
    h(
      'div',
      { class: 'stack' },
      urlField(draft, 'termsOfUseUrl', t('sie.terms_url')),
      urlField(draft, 'privacyPolicyUrl', t('sie.privacy_url')),
      choiceField(draft, 'agreeToTermsPolicy', t('sie.agree'), AGREE, 'sie.agree.', 'Automatic'),
    ),
  );
  return [languagesCard(draft), terms];
}

// Sign-in mode (sign in and register, sign in only, register only), when the server has one.
export function modeCard(draft) {
  if (!('signInMode' in draft.value)) return null;
  return card(t('sie.mode'), choiceField(draft, 'signInMode', t('sie.mode'), MODES, 'sie.mode.'));
}
