// The Settings card of a configured connector: its configuration form (secrets stay ********
// unless changed) and, for a social connector, its target and "Sync profile". Save PATCHes it.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { button, toast } from '../../lib/ui.js';
import { configForm } from './config_form.js';

export function connectorSettingsCard(connector, ctx, { social }) {
  const form = configForm(connector.formItems, connector.config, {
    editing: true,
    factoryId: connector.connectorId,
    syncProfile: social && 'syncProfile' in connector ? connector.syncProfile : undefined,
  });
  form.onInput(() => ctx.setDirty(true));
  const save = button(t('cdet.save'), null, { kind: 'primary', type: 'submit' });
  async function submit(e) {
    e.preventDefault();
    if (!form.validate()) return;
    const body = { config: form.values() };
    if (form.syncProfile !== undefined) body.syncProfile = form.syncProfile;
    save.disabled = true;
    try {
      await patch(`/connectors/${encodeURIComponent(connector.id)}`, body);
      ctx.setDirty(false);
      toast(t('cdet.saved'));
    } catch (error) {
      form.showError(error);
    } finally {
      save.disabled = false;
    }
  }
  const target =
    connector.target && social
      ? h('p', { class: 'muted small' }, `${t('cdet.target')}: `, h('code', {}, connector.target))
      : null;
  return h(
    'form',
    { class: 'card stack', novalidate: true, 'aria-label': t('cdet.settings'), onsubmit: submit },
    h('h2', { class: 'card-title' }, t('cdet.settings')),
    target,
    form.el,
    h('div', { class: 'row' }, h('span', { class: 'spacer' }), save),
  );
}
