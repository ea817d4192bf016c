// The Email and SMS tab: one slot per kind, "Not set up" with "Set up", or the configured
// connector with its summary, Edit, Remove and a test message.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del } from '../../lib/api.js';
import { badge, button, confirmDialog, errorText, modal, toast } from '../../lib/ui.js';
import { kindOf, localName } from './names.js';
import { setupStep } from './setup_dialog.js';
import { slotSummary } from './slot_summary.js';
import { testMessageForm } from './test_message_form.js';

const SLOTS = ['Email', 'Sms'];

// Set up (or edit) the slot's connector in a modal.
function openSetup(slot, { configured, factory, reload }) {
  const m = modal({ title: '', content: [], wide: true });
  setupStep(m, factory, {
    connector: configured,
    title: t(`conn.${configured ? 'edit' : 'setup'}.${slot}`),
    onSaved: () => {
      const name = localName(factory.name);
      toast(configured ? t('conn.saved') : t('conn.setup.created', { name }));
      reload(slot);
    },
  });
}

async function remove(slot, { configured, reload }) {
  const ok = await confirmDialog({
    title: t('conn.remove_title', { name: localName(configured.name) }),
    message: t(`conn.remove_body.${slot}`),
    confirmLabel: t('conn.remove'),
  });
  if (!ok) return;
  try {
    await del(`/connectors/${encodeURIComponent(configured.id)}`);
    toast(t('conn.removed'));
    reload(slot);
  } catch (error) {
    toast(errorText(error), 'error');
  }
}

// What the slot holds: the connector's summary and controls, or "Set up" (when a factory can).
function slotBody(slot, state) {
  const title = t(slot === 'Email' ? 'conn.email' : 'conn.sms');
  const named = (key) => ({ 'aria-label': `${t(key)}: ${title}` });
  const open = () => openSetup(slot, state);
  const { configured, factory } = state;
  if (!configured) {
    if (!factory) return null;
    return h(
      'div',
      {},
      button(t('conn.set_up'), open, { kind: 'primary', ...named('conn.set_up') }),
    );
  }
  const edit = factory
    ? button(t('conn.edit'), open, { kind: 'secondary', ...named('conn.edit') })
    : null;
  const drop = button(t('conn.remove'), () => remove(slot, state), {
    kind: 'text',
    ...named('conn.remove'),
  });
  return [
    slotSummary(configured, factory),
    h('div', { class: 'row' }, edit, drop),
    testMessageForm(configured),
  ];
}

// `reload(slot)` redraws the tab and puts focus back in that slot.
export function passwordlessTab({ connectors, factories }, reload) {
  const slots = SLOTS.map((slot) => {
    const configured = connectors.find((c) => kindOf(c) === slot);
    const factory = configured
      ? factories.find((f) => f.id === configured.connectorId)
      : factories.find((f) => kindOf(f) === slot);
    const title = t(slot === 'Email' ? 'conn.email' : 'conn.sms');
    const text = t(slot === 'Email' ? 'conn.email_text' : 'conn.sms_text');
    return h(
      'section',
      { class: 'card slot', 'aria-label': title, dataset: { slot } },
      h(
        'div',
        { class: 'slot-head' },
        h('h2', { class: 'card-title' }, title),
        configured ? badge(t('conn.configured'), 'ok') : badge(t('conn.not_set_up')),
      ),
      h('p', { class: 'muted' }, text),
      slotBody(slot, { configured, factory, reload }),
    );
  });
  return h('div', { class: 'grid-2 slots' }, slots);
}
