// Multi-factor auth: the second factors users may use, when they are asked to add one (and the
// policy for members of organizations that require MFA), trusted devices and passkey sign-in.
// The form edits a draft of GET /api/sign-in-exp limited to mfa, trustedDevice and passkeySignIn
// (sign_in_experience/draft_editor.js, as the Sign-in experience page), and saves what changed
// with PATCH /api/sign-in-exp; an API error naming a field shows under it.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { errorState, loading, pageHeader } from '../lib/ui.js';
import { kindOf } from './connectors/names.js';
import { factorsCard } from './mfa/factors_card.js';
import { passkeyCard, trustedDeviceCard } from './mfa/device_cards.js';
import { policyCard } from './mfa/policy_card.js';
import { draftEditor } from './sign_in_experience/draft_editor.js';

const EDITED = ['mfa', 'trustedDevice', 'passkeySignIn'];

// The configuration, and which message connectors are set up (for the email and SMS factors).
async function load() {
  const [exp, conns] = await Promise.all([
    get('/sign-in-exp'),
    get('/connectors').catch(() => ({ data: [] })),
  ]);
  const kinds = new Set((conns.data ?? []).map(kindOf));
  return { saved: exp.data, connectors: { email: kinds.has('Email'), sms: kinds.has('Sms') } };
}

export default async function mfaPage(view, ctx) {
  ctx.setTitle(t('mfa.title'));
  const body = h('div', {}, loading());
  view.append(pageHeader(t('mfa.title'), { subtitle: t('mfa.description') }), body);
  let loaded;
  try {
    loaded = await load();
  } catch (error) {
    replace(
      body,
      errorState(error, () => ctx.reload()),
    );
    return undefined;
  }

  const form = h('div', { class: 'stack' });
  const { draft, bar } = draftEditor(loaded.saved, ctx, {
    redraw: draw,
    edited: EDITED,
    savedKey: 'mfa.saved',
  });

  function draw() {
    draft.fields.clear();
    replace(
      form,
      factorsCard(draft, loaded.connectors),
      policyCard(draft),
      trustedDeviceCard(draft),
      passkeyCard(draft),
    );
  }

  draw();
  replace(body, form, bar.el);
  return undefined;
}
