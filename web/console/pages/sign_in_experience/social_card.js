// Social sign-in: the "Continue with …" buttons on the sign-in page, in order, picked from the
// social connectors that are set up.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { button, field, link } from '../../lib/ui.js';
import { selectInput } from '../../components/controls.js';
import { reorderButtons } from '../../components/reorder_buttons.js';
import { connectorName } from '../connectors/names.js';
import { listError } from './inputs.js';

function targetRow(target, i, targets, { byTarget, setTargets }) {
  const connector = byTarget.get(target);
  const label = connector ? connectorName(connector) : target;
  return h(
    'li',
    { dataset: { target } },
    h('strong', {}, label),
    connector
      ? h('span', { class: 'muted small mono' }, target)
      : h('span', { class: 'badge badge-warn' }, t('sie.social_missing')),
    h('span', { class: 'spacer' }),
    reorderButtons(targets, i, { label, attribute: 'target', key: target, change: setTargets }),
  );
}

// "Add social connector" with the connectors not on the page yet, or where to set one up.
function adder(connectors, targets, setTargets) {
  if (!connectors.length) {
    return h(
      'p',
      { class: 'muted' },
      t('sie.social_none_configured'),
      ' ',
      link(t('sie.social_go'), '/console/connectors/social'),
    );
  }
  const available = connectors.filter((c) => !targets.includes(c.target));
  if (!available.length) return null;
  const options = available.map((c) => ({ value: c.target, label: connectorName(c) }));
  const pick = selectInput(options, available[0].target, () => {});
  return h(
    'div',
    { class: 'row' },
    field(t('sie.social_add'), pick),
    button(t('sie.social_add_button'), () => setTargets([...targets, pick.value]), {
      'aria-label': `${t('sie.social_add_button')}: ${t('sie.social_add')}`,
    }),
  );
}

// `connectors`: the social connectors that are set up.
export function socialCard(draft, connectors) {
  const targets = draft.value.socialSignInConnectorTargets ?? [];
  const byTarget = new Map(connectors.map((c) => [c.target, c]));
  const setTargets = (next, focus) =>
    draft.set('socialSignInConnectorTargets', next, { redraw: true, focus });
  const rows = targets.map((target, i) => targetRow(target, i, targets, { byTarget, setTargets }));
  return h(
    'section',
    { class: 'card', 'aria-label': t('sie.social') },
    h('h2', { class: 'card-title' }, t('sie.social')),
    h('p', { class: 'muted' }, t('sie.social_text')),
    rows.length
      ? h('ol', { class: 'sortable social-targets' }, rows)
      : h('p', { class: 'muted' }, t('sie.social_empty')),
    listError(draft, 'socialSignInConnectorTargets'),
    adder(connectors, targets, setTargets),
  );
}
