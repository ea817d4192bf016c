// Get started: the first page after sign-in. A few framework cards with "View all" (the full
// list in the Create application modal), and the next steps of a typical set-up.
import { h } from '../lib/dom.js';
import { addStrings, lang, t } from '../lib/i18n.js';
import { card, link, pageHeader } from '../lib/ui.js';
import { frameworks } from '../guides/frameworks.js';
import { frameworkCard, openCreateApplication } from './create_application.js';

addStrings({
  en: {
    'start.title': 'Get started',
    'start.subtitle': 'Something to explore to help you succeed',
    'start.apps': 'Build your first application',
    'start.apps_text':
      'Pick a framework to create an application with an integration guide for it.',
    'start.view_all': 'View all',
    'start.next': 'Next steps',
    'start.social': 'Add a social connector',
    'start.social_text': 'Let users sign in with GitHub, Google and more.',
    'start.experience': 'Customize the sign-in experience',
    'start.experience_text': 'Choose sign-up identifiers, social sign-in, branding and languages.',
    'start.api': 'Protect your API',
    'start.api_text': 'Register an API resource and its permissions (scopes).',
    'start.users': 'Manage users',
    'start.users_text': 'Create, find, suspend and reset users.',
  },
  ja: {
    'start.title': 'はじめに',
    'start.subtitle': '成功への第一歩を探索しましょう',
    'start.apps': '最初のアプリケーションを作成',
    'start.apps_text': 'フレームワークを選ぶと、統合ガイド付きのアプリケーションが作成されます。',
    'start.view_all': 'すべて表示',
    'start.next': '次のステップ',
    'start.social': 'ソーシャルコネクターを追加',
    'start.social_text': 'GitHub や Google などでサインインできるようにします。',
    'start.experience': 'サインイン体験をカスタマイズ',
    'start.experience_text':
      'サインアップ識別子、ソーシャルサインイン、ブランディング、言語を設定します。',
    'start.api': 'API を保護',
    'start.api_text': 'API リソースと権限（スコープ）を登録します。',
    'start.users': 'ユーザーを管理',
    'start.users_text': 'ユーザーの作成、検索、停止、パスワードのリセット。',
  },
});

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
