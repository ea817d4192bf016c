// Get started: the first page after sign-in. A few framework cards with "View all" (the full
// list in the Create application modal), and the next steps of a typical set-up.
import { h } from '../lib/dom.js';
import { lang, t } from '../lib/i18n.js';
import { card, link, pageHeader } from '../lib/ui.js';
import { frameworks } from '../guides/frameworks.js';
import { openCreateApplication } from './applications/create_dialog.js';
import { frameworkCard } from './applications/framework_card.js';

const featured = ['flask', 'nextjs', 'express', 'react', 'cpp', 'go'];

export default async function getStarted(view, ctx) {
  ctx.setTitle(t('start.title'));
  const picks = featured.map((id) => frameworks.find((f) => f.id === id)).filter(Boolean);
  const step = (title, text, href) =>
    h('li', { class: 'card' }, h('h3', {}, link(title, href)), h('p', { class: 'muted' }, text));
  view.append(
    pageHeader(t('start.title'), { subtitle: t('start.subtitle') }),
    card(
      t('start.apps'),
      h(
        'div',
        { class: 'row' },
        h('p', { class: 'muted' }, t('start.apps_text')),
        h('span', { class: 'spacer' }),
        link(t('start.view_all'), '/console/applications/create', {
          onclick: (e) => {
            e.preventDefault();
            openCreateApplication({ navigate: ctx.navigate });
          },
        }),
      ),
      h(
        'div',
        { class: 'framework-grid' },
        picks.map((f) =>
          frameworkCard(f, lang(), () =>
            openCreateApplication({ navigate: ctx.navigate, framework: f }),
          ),
        ),
      ),
    ),
    h('h2', {}, t('start.next')),
    h(
      'ul',
      { class: 'grid-2 plain' },
      step(t('start.social'), t('start.social_text'), '/console/connectors/social'),
      step(
        t('start.experience'),
        t('start.experience_text'),
        '/console/sign-in-experience/sign-up-and-sign-in',
      ),
      step(t('start.api'), t('start.api_text'), '/console/api-resources'),
      step(t('start.users'), t('start.users_text'), '/console/users'),
    ),
  );
}
