// ↑, ↓ and Remove for item `i` of an ordered list the user arranges (sign-in methods, social
// connectors). `change(next, focus)` gets the new list and, after a move, the selector of the
// button to focus once the list is drawn again; the row carries data-<attribute>="<key>".
import { t } from '../lib/i18n.js';
import { button } from '../lib/ui.js';

function swap(items, i, j) {
  const next = [...items];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

export function reorderButtons(items, i, { label, attribute, key, change }) {
  const row = `[data-${attribute}="${CSS.escape(key)}"]`;
  const move = (j, name) => change(swap(items, i, j), `${row} .${name}`);
  const arrow = (text, j, name, what) =>
    button(text, () => move(j, name), {
      kind: 'text',
      class: `btn btn-text ${name}`,
      disabled: j < 0 || j >= items.length,
      'aria-label': `${what}: ${label}`,
    });
  return [
    arrow('↑', i - 1, 'up', t('ui.move_up')),
    arrow('↓', i + 1, 'down', t('ui.move_down')),
    button(t('ui.remove'), () => change(items.filter((_, j) => j !== i)), {
      kind: 'text',
      'aria-label': `${t('ui.remove')}: ${label}`,
    }),
  ];
}
