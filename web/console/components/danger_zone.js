// The "Danger zone" card at the foot of a details page: a title, what the action does, and its
// (danger) button on the right.
import { h } from '../lib/dom.js';

export function dangerZone(title, text, action) {
  return h(
    'section',
    { class: 'card danger-zone' },
    h('h2', { class: 'card-title' }, title),
    h(
      'div',
      { class: 'row' },
      h('p', { class: 'muted' }, text),
      h('span', { class: 'spacer' }),
      action,
    ),
  );
}
