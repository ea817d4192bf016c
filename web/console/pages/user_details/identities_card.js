// The Social identities card: the user's linked identities (target, identity id, what the
// provider said about them) with Remove, or a line saying there are none.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del } from '../../lib/api.js';
import { busy, button, card, confirmDialog, table, toast } from '../../lib/ui.js';
import { displayName } from '../users/user_names.js';

function identityDetails(identity) {
  const d = identity?.details ?? {};
  const parts = [d.name, d.username, d.email, d.phone].filter((v) => typeof v === 'string' && v);
  return parts.length ? parts.join(' · ') : '';
}

export function identitiesCard(state) {
  const area = h('div');

  async function remove(row, btn) {
    const ok = await confirmDialog({
      title: t('user.remove_title'),
      message: t('user.remove_body', {
        target: row.target,
        id: row.identity?.userId ?? '',
        name: displayName(state.user),
      }),
      confirmLabel: t('user.remove'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      const user = encodeURIComponent(state.user.id);
      const { data } = await del(`/users/${user}/identities/${encodeURIComponent(row.target)}`);
      state.user.identities = data && typeof data === 'object' ? data : {};
      draw();
      toast(t('user.removed'));
    });
  }

  const columns = [
    { label: t('user.col.target'), render: (r) => h('strong', {}, r.target) },
    {
      label: t('user.col.identity'),
      render: (r) => h('code', {}, String(r.identity?.userId ?? '')),
    },
    { label: t('user.col.details'), render: (r) => identityDetails(r.identity) },
    {
      label: t('user.col.actions'),
      class: 'cell-actions',
      render: (r) =>
        button(t('user.remove'), (e) => remove(r, e.currentTarget), {
          kind: 'text',
          'aria-label': t('user.remove_label', { target: r.target }),
        }),
    },
  ];

  function draw() {
    const identities = Object.entries(state.user.identities ?? {});
    const rows = identities.map(([target, identity]) => ({ target, identity }));
    if (!rows.length) {
      const none = t('user.identities_empty');
      replace(area, h('p', { class: 'muted', 'data-testid': 'identities-empty' }, none));
      return;
    }
    replace(area, table(columns, rows, { caption: t('user.identities') }));
  }

  draw();
  return card(t('user.identities'), h('p', { class: 'muted' }, t('user.identities_hint')), area);
}
