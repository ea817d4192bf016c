// The layout around the pages once an operator is signed in: the top bar (logo, language,
// account, Sign out), the navigation and the <main> the router draws pages into.
import { h, replace } from '../lib/dom.js';
import { setLang, t } from '../lib/i18n.js';
import { signOut } from '../lib/auth.js';
import { startRouter } from '../lib/router.js';
import { button } from '../lib/ui.js';
import { languageSelect } from '../components/language_select.js';

const navItems = [
  { section: 'nav.section.develop' },
  { key: 'get-started', label: 'nav.get_started', href: '/console/get-started' },
  { key: 'applications', label: 'nav.applications', href: '/console/applications' },
  { key: 'custom-jwt', label: 'nav.custom_jwt', href: '/console/custom-jwt' },
  { key: 'webhooks', label: 'nav.webhooks', href: '/console/webhooks' },
  { section: 'nav.section.authz' },
  { key: 'api-resources', label: 'nav.api_resources', href: '/console/api-resources' },
  { key: 'roles', label: 'nav.roles', href: '/console/roles' },
  {
    key: 'organization-template',
    label: 'nav.organization_template',
    href: '/console/organization-template',
  },
  { section: 'nav.section.auth' },
  {
    key: 'sign-in-experience',
    label: 'nav.sign_in_experience',
    href: '/console/sign-in-experience',
  },
  { key: 'mfa', label: 'nav.mfa', href: '/console/mfa' },
  { key: 'connectors', label: 'nav.connectors', href: '/console/connectors/social' },
  { key: 'enterprise-sso', label: 'nav.enterprise_sso', href: '/console/enterprise-sso' },
  { section: 'nav.section.manage' },
  { key: 'organizations', label: 'nav.organizations', href: '/console/organizations' },
  { key: 'users', label: 'nav.users', href: '/console/users' },
  { key: 'audit-logs', label: 'nav.audit_logs', href: '/console/audit-logs' },
];

// The navigation; `links` gets each entry's <a> by key.
function sidebar(links) {
  const items = navItems.map((item) => {
    if (item.section) return h('li', { class: 'nav-section' }, t(item.section));
    const a = h('a', { href: item.href, 'data-link': true, class: 'nav-link' }, t(item.label));
    links.set(item.key, a);
    return h('li', {}, a);
  });
  return h('nav', { class: 'sidebar', 'aria-label': t('nav.label') }, h('ul', {}, items));
}

function topbar(session, onLanguage) {
  const name = session.user.name;
  return h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'skip', href: '#main' }, t('shell.skip')),
    h(
      'a',
      { class: 'logo', href: '/console/get-started', 'data-link': true },
      'Latch',
      h('span', { class: 'logo-sub' }, ' Console'),
    ),
    h(
      'div',
      { class: 'topbar-right' },
      languageSelect(onLanguage),
      h('span', { class: 'user', title: t('shell.signed_in_as', { name }) }, name),
      button(t('shell.sign_out'), () => signOut(), { kind: 'secondary' }),
    ),
  );
}

// Draws the layout for `session` and starts routing; a new language draws it again.
export function shell(session) {
  const app = document.getElementById('app');
  app.className = 'shell';
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' });
  const links = new Map();
  const relang = async (code) => {
    await setLang(code);
    shell(session);
  };
  const nav = sidebar(links);
  replace(app, topbar(session, relang), h('div', { class: 'layout' }, nav, main));
  startRouter(main, (meta) => {
    for (const [key, a] of links) {
      const active = key === meta.nav;
      a.classList.toggle('active', active);
      if (active) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  });
}
