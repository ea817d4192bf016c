// The Multi-factor authentication card of a user: their factors (type, name, created, last used,
// backup codes left) with Remove, "Generate backup codes" (shown once, in a dialog) and
// "Reset all MFA" (every factor and trusted device: a user who lost their device). Email and SMS
// codes are listed when the sign-in experience enables them and the user has the address; they
// store nothing, so they cannot be removed here.
import { h, replace } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { del, get, post } from '../../lib/api.js';
import {
  busy,
  button,
  card,
  confirmDialog,
  copyText,
  errorState,
  loading,
  modal,
  table,
  toast,
} from '../../lib/ui.js';
import { displayName } from '../users/user_names.js';

const LABELS = {
  Totp: 'mfa.totp',
  WebAuthn: 'mfa.webauthn',
  BackupCode: 'mfa.backup_code',
  EmailVerificationCode: 'mfa.email_verification_code',
  PhoneVerificationCode: 'mfa.phone_verification_code',
};
const ORDER = ['WebAuthn', 'Totp', 'PhoneVerificationCode', 'EmailVerificationCode', 'BackupCode'];

const factorLabel = (f) => (LABELS[f.type] ? t(LABELS[f.type]) : f.type);

// The stored factors, then the email and phone codes the user can receive, backup codes last.
function rowsOf(factors, signInExp, user) {
  const enabled = signInExp?.mfa?.factors ?? [];
  const rows = factors.map((f) => ({ ...f, stored: true }));
  if (enabled.includes('EmailVerificationCode') && user.primaryEmail) {
    rows.push({ id: 'email', type: 'EmailVerificationCode', name: user.primaryEmail });
  }
  if (enabled.includes('PhoneVerificationCode') && user.primaryPhone) {
    rows.push({ id: 'phone', type: 'PhoneVerificationCode', name: user.primaryPhone });
  }
  return rows.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
}

function details(f) {
  if (f.type === 'BackupCode') return t('user.mfa.codes_left', { n: f.remainCodes ?? 0 });
  return [f.name, f.agent].filter(Boolean).join(' · ');
}

// The new codes, once: a list to copy or write down.
function showCodes(codes, user) {
  const list = h('ol', { class: 'backup-codes mono', 'data-testid': 'backup-codes' });
  for (const code of codes) list.append(h('li', {}, code));
  const m = modal({
    title: t('user.mfa.codes_title'),
    content: [h('p', {}, t('user.mfa.codes_body', { name: displayName(user) })), list],
    actions: [
      button(t('user.mfa.copy_codes'), () => copyText(codes.join('\n'))),
      button(t('user.mfa.codes_done'), () => m.close(), { kind: 'primary' }),
    ],
  });
}

export function mfaCard(state) {
  const area = h('div', {}, loading());
  const path = () => `/users/${encodeURIComponent(state.user.id)}/mfa-verifications`;

  async function remove(row, btn) {
    const ok = await confirmDialog({
      title: t('user.mfa.remove_title'),
      message: t('user.mfa.remove_body', { factor: factorLabel(row) }),
      confirmLabel: t('ui.remove'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(`${path()}/${encodeURIComponent(row.id)}`);
      toast(t('user.mfa.removed', { factor: factorLabel(row) }));
      await load();
    });
  }

  async function generate(btn) {
    await busy(btn, async () => {
      const { data } = await post(path(), { type: 'BackupCode' });
      showCodes(data.codes ?? [], state.user);
      await load();
    });
  }

  async function reset(btn) {
    const ok = await confirmDialog({
      title: t('user.mfa.reset_title'),
      message: t('user.mfa.reset_body', { name: displayName(state.user) }),
      confirmLabel: t('user.mfa.reset'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(path());
      toast(t('user.mfa.reset_done', { name: displayName(state.user) }));
      await load();
    });
  }

  const columns = [
    { label: t('user.mfa.col.factor'), render: (r) => h('strong', {}, factorLabel(r)) },
    { label: t('user.mfa.col.details'), render: details },
    { label: t('user.mfa.col.created'), render: (r) => (r.stored ? formatTime(r.createdAt) : '') },
    {
      label: t('user.mfa.col.last_used'),
      render: (r) => (r.stored ? (r.lastUsedAt ? formatTime(r.lastUsedAt) : t('user.never')) : ''),
    },
    {
      label: t('user.col.actions'),
      class: 'cell-actions',
      render: (r) =>
        r.stored
          ? button(t('ui.remove'), (e) => remove(r, e.currentTarget), {
              kind: 'text',
              'aria-label': t('user.mfa.remove_label', { factor: factorLabel(r) }),
            })
          : '',
    },
  ];

  function draw(rows) {
    const actions = h(
      'div',
      { class: 'row' },
      button(t('user.mfa.generate_codes'), (e) => generate(e.currentTarget)),
      rows.some((r) => r.stored)
        ? button(t('user.mfa.reset'), (e) => reset(e.currentTarget), { kind: 'danger' })
        : null,
    );
    const list = rows.length
      ? table(columns, rows, { caption: t('user.mfa.title') })
      : h('p', { class: 'muted', 'data-testid': 'mfa-empty' }, t('user.mfa.empty'));
    replace(area, list, actions);
  }

  async function load() {
    try {
      const [factors, exp] = await Promise.all([
        get(path()),
        get('/sign-in-exp').catch(() => ({ data: null })),
      ]);
      draw(rowsOf(factors.data ?? [], exp.data, state.user));
    } catch (error) {
      replace(
        area,
        errorState(error, () => load()),
      );
    }
  }

  load();
  return card(t('user.mfa.title'), h('p', { class: 'muted' }, t('user.mfa.hint')), area);
}
