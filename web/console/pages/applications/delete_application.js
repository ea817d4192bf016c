// The Danger zone card of an application: Delete, which asks for the application's name first,
// as Logto's console does; then back to the list.
import { h, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del } from '../../lib/api.js';
import { busy, button, field, modal, textInput, toast } from '../../lib/ui.js';
import { dangerZone } from '../../components/danger_zone.js';

function openDelete(state, ctx) {
  const { app } = state;
  const input = textInput({ autocomplete: 'off', autofocus: true });
  const go = button(t('ui.delete'), null, { kind: 'danger', type: 'submit', disabled: true });
  const matches = () => input.value.trim() === app.name.trim();
  input.addEventListener('input', () => {
    go.disabled = !matches();
  });
  async function submit(e) {
    e.preventDefault();
    if (!matches()) return;
    const done = await busy(go, async () => {
      await del(`/applications/${encodeURIComponent(app.id)}`);
      return true;
    });
    if (!done) return;
    m.close();
    toast(t('app.deleted', { name: app.name }));
    ctx.setDirty(false);
    ctx.navigate('/console/applications');
  }
  const form = h(
    'form',
    { id: uid('delete'), class: 'stack', novalidate: true, onsubmit: submit },
    h('p', {}, t('app.delete_confirm', { name: app.name })),
    field(t('app.delete_input'), input),
  );
  go.setAttribute('form', form.id);
  const m = modal({
    title: t('app.delete_title', { name: app.name }),
    content: form,
    actions: [button(t('ui.cancel'), () => m.close()), go],
  });
  input.focus();
}

export function deleteApplicationZone(state, ctx) {
  const remove = button(t('app.delete'), () => openDelete(state, ctx), { kind: 'danger' });
  return dangerZone(t('app.danger'), t('app.delete_text'), remove);
}
