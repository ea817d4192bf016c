// The Danger zone card: Delete user, after a confirmation; then back to the list.
import { t } from '../../lib/i18n.js';
import { del } from '../../lib/api.js';
import { busy, button, confirmDialog, toast } from '../../lib/ui.js';
import { dangerZone } from '../../components/danger_zone.js';
import { displayName } from '../users/user_names.js';

export function deleteUserZone(state, ctx) {
  async function remove() {
    const name = displayName(state.user);
    const ok = await confirmDialog({
      title: t('user.delete_title'),
      message: t('user.delete_body', { name, id: state.user.id }),
      confirmLabel: t('user.delete'),
    });
    if (!ok) return;
    await busy(deleteButton, async () => {
      await del(`/users/${encodeURIComponent(state.user.id)}`);
      ctx.setDirty(false);
      toast(t('user.deleted', { name }));
      ctx.navigate('/console/users', { replace: true });
    });
  }
  const deleteButton = button(t('user.delete'), remove, { kind: 'danger' });
  return dangerZone(t('user.danger'), t('user.delete_text'), deleteButton);
}
