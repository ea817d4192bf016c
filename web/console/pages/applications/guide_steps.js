// A framework's integration guide as a card of numbered steps: text, notes, code blocks with
// Copy, and the step that edits the redirect URIs (a form the page hands in).
import { h, richText } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { button, copyText } from '../../lib/ui.js';
import { frameworkBadge } from './framework_card.js';

function codeBlock(b) {
  const name = b.file || b.language || '';
  const copyLabel = name ? t('guide.copy_code_of', { file: name }) : t('guide.copy_code');
  return h(
    'div',
    { class: 'code-block' },
    h(
      'div',
      { class: 'code-file' },
      h('span', { class: 'mono' }, name),
      button(t('ui.copy'), () => copyText(b.code), { kind: 'text', 'aria-label': copyLabel }),
    ),
    h(
      'pre',
      { class: 'code', tabindex: '0', 'aria-label': name || null },
      h('code', { class: b.language ? `language-${b.language}` : null }, b.code),
    ),
  );
}

function block(b, redirectForm) {
  if (b.kind === 'text') return h('p', {}, richText(b.text));
  if (b.kind === 'note') return h('p', { class: 'note', role: 'note' }, richText(b.text));
  if (b.kind === 'code') return codeBlock(b);
  if (b.kind === 'redirect-uris') return redirectForm();
  return null;
}

// `guide`: guides/guides.js guideFor(); `redirectForm()` builds the redirect URIs form.
export function guideSteps(framework, guide, redirectForm) {
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'row guide-title' },
      frameworkBadge(framework),
      h('h2', { class: 'card-title tight' }, guide.title),
    ),
    h(
      'ol',
      { class: 'guide-steps plain', 'aria-label': t('guide.steps') },
      guide.steps.map((s) =>
        h(
          'li',
          { class: 'guide-step' },
          h('h3', {}, s.title),
          s.blocks.map((b) => block(b, redirectForm)),
        ),
      ),
    ),
  );
}
