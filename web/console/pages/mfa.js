// Multi-factor auth: the second factors users may use, when they are asked to add one (and the
// policy for members of organizations that require MFA), trusted devices and passkey sign-in.
// The form edits a draft of GET /api/sign-in-exp limited to mfa, trustedDevice and passkeySignIn
// (the sign-in experience's draft and sticky save bar), and saves what changed with
// PATCH /api/sign-in-exp; an API error naming a field shows under it.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get, patch } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
import { errorState, errorText, loading, pageHeader, toast } from '../lib/ui.js';
import { kindOf } from './connectors/names.js';
import { factorsCard } from './mfa/factors_card.js';
import { passkeyCard, trustedDeviceCard } from './mfa/device_cards.js';
import { policyCard } from './mfa/policy_card.js';
import { createDraft } from './sign_in_experience/draft.js';
import { saveBar } from './sign_in_experience/save_bar.js';

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
  const draft = createDraft(loaded.saved, { changed, redraw: draw, edited: EDITED });
  const bar = saveBar({ onSave: save, onDiscard: discard });

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

  function clearErrors() {
    bar.clear();
    for (const f of draft.fields.values()) f.setError?.('');
  }

  function changed() {
    const dirty = draft.dirty();
    bar.show(dirty);
    ctx.setDirty(dirty);
    if (!dirty) clearErrors();
  }

  function discard() {
    draft.reset();
    draw();
    changed();
  }

  async function save() {
    clearErrors();
    const changes = draft.changes();
    if (!Object.keys(changes).length) return;
    bar.button.disabled = true;
    try {
      const { data } = await patch('/sign-in-exp', changes);
      draft.reset(data);
      toast(t('mfa.saved'));
      draw();
      changed();
    } catch (error) {
      const target = fieldFor(error, Object.fromEntries(draft.fields));
      if (target?.setError) target.setError(errorText(error));
      else bar.fail(errorText(error));
    } finally {
      bar.button.disabled = false;
    }
  }

  draw();
  replace(body, form, bar.el);
  return undefined;
}
