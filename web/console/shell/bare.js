// A bare page outside the layout (first-run setup, sign-in problems): the logo and the language
// menu above one card.
import { h, replace } from '../lib/dom.js';
import { card } from '../lib/ui.js';
import { languageSelect } from '../components/language_select.js';

// Draws `children` as the page; onLanguage(code) after the operator picks a language.
export function barePage(onLanguage, ...children) {
  const app = document.getElementById('app');
  app.className = 'bare';
  replace(
    app,
    h(
      'main',
      { class: 'bare-main', id: 'main' },
      h(
        'div',
        { class: 'bare-top' },
        h('span', { class: 'logo' }, 'Latch'),
        languageSelect(onLanguage),
      ),
      children,
    ),
  );
  app.querySelector('h1')?.focus();
}

// What went wrong, and what to do (an optional button).
export function problemCard(title, message, action) {
  return card(null, h('h1', { tabindex: '-1' }, title), h('p', {}, message), action);
}
