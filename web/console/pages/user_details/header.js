// The user's page header: the name, the id with Copy, a Suspended badge, the actions (audit log,
// Reset password, Suspend or Reactivate) and, while suspended, a banner under it.
// Returns { el, draw() }; draw() shows state.user again after it changed.
import { h, replace } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import {
  badge,
  busy,
  button,
  confirmDialog,
  copyText,
  link,
  pageHeader,
  toast,
} from '../../lib/ui.js';
import { displayName } from '../users/user_names.js';
import { openResetPassword } from './reset_password_dialog.js';

function idLine(user) {
  return h(
    'span',
    { class: 'id-line' },
    h('span', { class: 'muted' }, `${t('user.id')}: `),
    h('code', { 'data-testid': 'user-id' }, user.id),
    button(t('ui.copy'), () => copyText(user.id), {
      kind: 'text',
      'aria-label': t('user.copy_id'),
    }),
    user.isSuspended ? badge(t('users.suspended'), 'danger') : null,
  );
}

function meta(user) {
  const times = {
    created: formatTime(user.createdAt),
    last: user.lastSignInAt ? formatTime(user.lastSignInAt) : t('user.never'),
  };
  return h('p', { class: 'muted small user-meta' }, t('user.meta', times));
}

export function userHeader(state, ctx) {
  const header = h('div');
  const banner = h('div', { role: 'status' });

  async function toggleSuspend(btn) {
    const next = !state.user.isSuspended;
    const ok = await confirmDialog({
      title: next ? t('user.suspend_title') : t('user.reactivate_title'),
      message: t(next ? 'user.suspend_body' : 'user.reactivate_body', {
        name: displayName(state.user),
      }),
      confirmLabel: next ? t('user.suspend') : t('user.reactivate'),
      danger: next,
    });
    if (!ok) return;
    await busy(btn, async () => {
      const path = `/users/${encodeURIComponent(state.user.id)}/is-suspended`;
      ({ data: state.user } = await patch(path, { isSuspended: next }));
      draw();
      toast(next ? t('user.suspended_toast') : t('user.reactivated_toast'));
      header.querySelector('h1')?.focus();
    });
  }

  function draw() {
    const { user } = state;
    const name = displayName(user);
    ctx.setTitle(name);
    const suspend = button(user.isSuspended ? t('user.reactivate') : t('user.suspend'), () =>
      toggleSuspend(suspend),
    );
    const audit = link(
      t('user.audit'),
      `/console/audit-logs?userId=${encodeURIComponent(user.id)}`,
      {
        class: 'btn btn-secondary',
      },
    );
    const actions = [audit, button(t('user.reset'), () => openResetPassword(state)), suspend];
    const back = { label: t('user.back'), href: '/console/users' };
    replace(header, pageHeader(name, { back, subtitle: idLine(user), actions }), meta(user));
    const suspended = h('p', { class: 'banner banner-danger' }, t('user.suspended_banner'));
    replace(banner, user.isSuspended ? suspended : null);
  }

  return { el: [header, banner], draw };
}
