// An organization's Invitations tab: its invitations (invitee, roles, status, expiry) and
// "Invite member"; a pending invitation can be revoked, a finished one deleted.
import { h, replace } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { del, get, put } from '../../lib/api.js';
import {
  badge,
  busy,
  button,
  confirmDialog,
  errorState,
  loading,
  table,
  toast,
} from '../../lib/ui.js';
import { roleBadges } from '../organizations/org_kinds.js';
import { openInvite } from './invite_dialog.js';

const STATUS_KIND = { Pending: 'brand', Accepted: 'ok', Expired: 'neutral', Revoked: 'danger' };

const statusBadge = (status) =>
  badge(t(`org.invitations.status.${status}`), STATUS_KIND[status] ?? 'neutral');

export async function invitationsTab(state) {
  const area = h('div', {}, loading());
  const path = (inv) => `/organization-invitations/${encodeURIComponent(inv.id)}`;

  async function revoke(inv, btn) {
    const ok = await confirmDialog({
      title: t('org.invitations.revoke_title'),
      message: t('org.invitations.revoke_body', { email: inv.invitee }),
      confirmLabel: t('org.invitations.revoke'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await put(`${path(inv)}/status`, { status: 'Revoked' });
      toast(t('org.invitations.revoked', { email: inv.invitee }));
      await load();
    });
  }
  async function remove(inv, btn) {
    await busy(btn, async () => {
      await del(path(inv));
      toast(t('org.invitations.deleted', { email: inv.invitee }));
      await load();
    });
  }
  const actions = (inv) =>
    inv.status === 'Pending'
      ? button(t('org.invitations.revoke'), (e) => revoke(inv, e.currentTarget), {
          kind: 'text',
          'aria-label': t('org.invitations.revoke_label', { email: inv.invitee }),
        })
      : button(t('ui.delete'), (e) => remove(inv, e.currentTarget), {
          kind: 'text',
          'aria-label': t('org.invitations.delete_label', { email: inv.invitee }),
        });
  const columns = [
    { label: t('org.invitations.col.invitee'), render: (i) => i.invitee },
    { label: t('org.col.roles'), render: (i) => roleBadges(i.organizationRoles) },
    { label: t('org.invitations.col.status'), render: (i) => statusBadge(i.status) },
    { label: t('org.invitations.col.expires'), render: (i) => formatTime(i.expiresAt) },
    { label: t('org.col.actions'), class: 'cell-actions', render: actions },
  ];

  async function load() {
    let list;
    try {
      ({ data: list } = await get('/organization-invitations', { organizationId: state.org.id }));
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    list = (list ?? []).sort((a, b) => b.createdAt - a.createdAt);
    if (!list.length) {
      replace(
        area,
        h('p', { class: 'muted', 'data-testid': 'invitations-empty' }, t('org.invitations.empty')),
      );
      return;
    }
    replace(area, table(columns, list, { caption: t('org.tab.invitations') }));
  }
  const invite = () =>
    openInvite(state.org, (inv) => {
      toast(t('org.invitations.invited', { email: inv?.invitee ?? '' }));
      load();
    });
  await load();
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row card-title-row' },
      h('h2', { class: 'card-title' }, t('org.tab.invitations')),
      h('span', { class: 'spacer' }),
      button(t('org.invite.open'), invite, { kind: 'primary' }),
    ),
    h('p', { class: 'muted' }, t('org.invitations.intro')),
    area,
  );
}
