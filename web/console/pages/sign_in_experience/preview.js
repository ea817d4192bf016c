// The live preview: the real sign-in (or register) page rendered by /console/preview/* from the
// draft's changes, in light or dark and in either language. Returns { el, update, schedule,
// stop }: update() shows `changes()` now, schedule() after a pause in typing.
import { h } from '../../lib/dom.js';
import { lang, languages, t } from '../../lib/i18n.js';
import { button } from '../../lib/ui.js';

// base64url of the UTF-8 bytes of `text`.
function base64url(text) {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// A group of pressed/unpressed buttons that sets state[key].
function segmented(state, key, label, options, onPick) {
  const group = h('div', { class: 'segmented', role: 'group', 'aria-label': label });
  for (const [value, text] of options) {
    const b = button(
      text,
      () => {
        state[key] = value;
        group
          .querySelectorAll('button')
          .forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
        onPick();
      },
      { kind: 'text', 'aria-pressed': String(state[key] === value), dataset: { value } },
    );
    group.append(b);
  }
  return group;
}

export function livePreview(changes) {
  const state = { page: 'sign-in', mode: 'light', lang: lang() === 'ja' ? 'ja' : 'en' };
  const frame = h('iframe', {
    title: t('sie.preview.frame'),
    class: 'preview-frame',
    tabindex: '0',
  });
  let timer = null;
  function update() {
    const config = base64url(JSON.stringify(changes()));
    const url = `/console/preview/${state.page}?lang=${state.lang}&mode=${state.mode}&config=${config}`;
    if (frame.getAttribute('src') !== url) frame.setAttribute('src', url);
  }
  const pages = [
    ['sign-in', t('sie.preview.sign_in')],
    ['register', t('sie.preview.register')],
  ];
  const modes = [
    ['light', t('sie.preview.light')],
    ['dark', t('sie.preview.dark')],
  ];
  const langs = languages.map((l) => [l.code, l.label]);
  const toolbar = h(
    'div',
    { class: 'preview-toolbar' },
    segmented(state, 'page', t('sie.preview.page'), pages, update),
    segmented(state, 'mode', t('sie.preview.mode'), modes, update),
    segmented(state, 'lang', t('sie.preview.language'), langs, update),
  );
  return {
    el: h('aside', { class: 'preview', 'aria-label': t('sie.preview') }, toolbar, frame),
    update,
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(update, 300);
    },
    stop: () => clearTimeout(timer),
  };
}
