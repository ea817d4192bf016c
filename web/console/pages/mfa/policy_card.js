// The Policy card of the Multi-factor auth page (Logto's choices, without adaptive MFA): whether
// every user must use MFA; if not, when users without a factor are asked to add one, and what
// members of an organization that requires MFA are asked.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { card } from '../../lib/ui.js';
import { radioGroup } from '../../components/controls.js';

// Logto's mandatory policies: Latch asks for a factor at the same moments as Mandatory.
const MANDATORY = ['Mandatory', 'PromptAtSignInAndSignUpMandatory', 'PromptOnlyAtSignInMandatory'];
const PROMPTS = ['NoPrompt', 'PromptAtSignInAndSignUp', 'PromptOnlyAtSignIn'];

// The set-up prompt a policy shows as: UserControlled (Logto's old default) is
// PromptAtSignInAndSignUp.
const promptOf = (policy) => (PROMPTS.includes(policy) ? policy : 'PromptAtSignInAndSignUp');

function requirement(draft) {
  const policy = draft.value.mfa?.policy ?? 'UserControlled';
  const savedPolicy = draft.saved.mfa?.policy ?? 'UserControlled';
  const pick = (mode) => {
    const wanted = mode === 'mandatory' ? 'Mandatory' : promptOf(savedPolicy);
    const back = MANDATORY.includes(savedPolicy) === (mode === 'mandatory');
    draft.merge('mfa', { policy: back ? savedPolicy : wanted }, { redraw: true });
  };
  const group = radioGroup(
    t('mfa.require_mfa'),
    [
      { value: 'optional', label: t('mfa.require_mfa_optional') },
      { value: 'mandatory', label: t('mfa.require_mfa_mandatory') },
    ],
    MANDATORY.includes(policy) ? 'mandatory' : 'optional',
    pick,
    { 'data-testid': 'mfa-requirement' },
  );
  return draft.field('mfa.policy', group);
}

function setUpPrompt(draft) {
  const policy = draft.value.mfa?.policy ?? 'UserControlled';
  const options = [
    { value: 'NoPrompt', label: t('mfa.no_prompt') },
    { value: 'PromptAtSignInAndSignUp', label: t('mfa.prompt_at_sign_in_and_sign_up') },
    { value: 'PromptOnlyAtSignIn', label: t('mfa.prompt_only_at_sign_in') },
  ];
  // The saved policy when it shows as the choice (UserControlled), so nothing is left to save.
  const pick = (value) => {
    const saved = draft.saved.mfa?.policy ?? 'UserControlled';
    const same = !MANDATORY.includes(saved) && promptOf(saved) === value;
    draft.merge('mfa', { policy: same ? saved : value });
  };
  return radioGroup(t('mfa.set_up_prompt'), options, promptOf(policy), pick, {
    'data-testid': 'mfa-prompt',
  });
}

function organizationPrompt(draft) {
  const options = [
    { value: 'NoPrompt', label: t('mfa.no_prompt') },
    { value: 'Mandatory', label: t('mfa.prompt_at_sign_in_non_skippable') },
  ];
  const group = radioGroup(
    t('mfa.set_up_organization_required_mfa_prompt'),
    options,
    draft.value.mfa?.organizationRequiredMfaPolicy ?? 'NoPrompt',
    (value) => draft.merge('mfa', { organizationRequiredMfaPolicy: value }),
    { 'data-testid': 'mfa-organization-prompt' },
  );
  return draft.field('mfa.organizationRequiredMfaPolicy', group);
}

export function policyCard(draft) {
  const mandatory = MANDATORY.includes(draft.value.mfa?.policy);
  return card(
    t('mfa.policy'),
    h('p', { class: 'muted' }, t('mfa.policy_description')),
    h(
      'div',
      { class: 'stack' },
      requirement(draft),
      h('p', { class: 'hint' }, t(mandatory ? 'mfa.mandatory_tip' : 'mfa.user_controlled_tip')),
      mandatory ? null : setUpPrompt(draft),
      mandatory ? null : organizationPrompt(draft),
    ),
  );
}
