// The console's entry: finishes a sign-in on /console/callback, offers the first-run admin
// account when there is no operator, sends everyone else through sign-in, then draws the
// layout (navigation, language, account) and starts routing.
import { h, replace } from './lib/dom.js';
import { languages, lang, setLang, t } from './lib/i18n.js';
import { fieldFor } from './lib/field_errors.js';
import { currentSession, handleCallback, loadStatus, signOut, startSignIn } from './lib/auth.js';
import { route, startRouter } from './lib/router.js';
import { button, card, errorText, field, textInput } from './lib/ui.js';

const navItems = [
  { section: 'nav.section.develop' },
  { key: 'get-started', label: 'nav.get_started', href: '/console/get-started' },
  { key: 'applications', label: 'nav.applications', href: '/console/applications' },
  { key: 'api-resources', label: 'nav.api_resources', href: '/console/api-resources' },
  { section: 'nav.section.auth' },
  {
    key: 'sign-in-experience',
    label: 'nav.sign_in_experience',
    href: '/console/sign-in-experience',
  },
  { key: 'connectors', label: 'nav.connectors', href: '/console/connectors/social' },
  { section: 'nav.section.manage' },
  { key: 'users', label: 'nav.users', href: '/console/users' },
  { key: 'audit-logs', label: 'nav.audit_logs', href: '/console/audit-logs' },
];

function defineRoutes() {
  const page = (name) => () => import(`./pages/${name}.js`);
  const redirect = (to) => () =>
    Promise.resolve({
      default: (view, ctx) => ctx.navigate(to, { replace: true }),
    });
  route('', redirect('/console/get-started'), { nav: 'get-started' });
  route('/get-started', page('get_started'), { nav: 'get-started' });
  route('/applications', page('applications'), { nav: 'applications' });
  route('/applications/create', page('applications'), { nav: 'applications' });
  route('/applications/:id', page('application_details'), { nav: 'applications' });
  route('/applications/:id/guide/:framework', page('application_guide'), { nav: 'applications' });
  route('/api-resources', page('api_resources'), { nav: 'api-resources' });
  route('/api-resources/:id', page('api_resource_details'), { nav: 'api-resources' });
  route('/sign-in-experience', redirect('/console/sign-in-experience/sign-up-and-sign-in'), {
    nav: 'sign-in-experience',
  });
  route('/sign-in-experience/:tab', page('sign_in_experience'), { nav: 'sign-in-experience' });
  route('/connectors', redirect('/console/connectors/social'), { nav: 'connectors' });
  route('/connectors/:kind', page('connectors'), { nav: 'connectors' });
  route('/connectors/:kind/:id', page('connector_details'), { nav: 'connectors' });
  route('/users', page('users'), { nav: 'users' });
  route('/users/:id', page('user_details'), { nav: 'users' });
  route('/audit-logs', page('audit_logs'), { nav: 'audit-logs' });
  route('/audit-logs/:id', page('audit_log_details'), { nav: 'audit-logs' });
}

function languageSelect(onChange) {
  const select = h(
    'select',
    {
      class: 'input lang-select',
      'aria-label': t('shell.language'),
      onchange: (e) => onChange(e.target.value),
    },
    languages.map((l) => h('option', { value: l.code, selected: l.code === lang() }, l.label)),
  );
  return select;
}

// A bare page (setup, sign-in problems) outside the layout.
function bare(...children) {
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
        languageSelect(async (code) => {
          await setLang(code);
          boot();
        }),
      ),
      children,
    ),
  );
  app.querySelector('h1')?.focus();
}

// The one-time token of the setup link Latch prints at start (?setup=...), if the page has one.
function setupToken() {
  return new URLSearchParams(window.location.search).get('setup');
}

function setupPage(status) {
  const token = setupToken();
  if (status.setupNeedsToken && !token) {
    return problemPage(t('setup.token_title'), t('setup.token_body'));
  }
  const username = field(
    t('setup.username'),
    textInput({ name: 'username', autocomplete: 'username', autofocus: true }),
    { required: true, hint: t('setup.username_hint') },
  );
  const password = field(
    t('setup.password'),
    textInput({ type: 'password', name: 'password', autocomplete: 'new-password' }),
    { required: true, hint: t('setup.password_hint') },
  );
  const confirm = field(
    t('setup.confirm'),
    textInput({ type: 'password', name: 'confirm', autocomplete: 'new-password' }),
    { required: true },
  );
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('setup.submit'), null, { kind: 'primary', type: 'submit' });
  const form = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        formError.hidden = true;
        [username, password, confirm].forEach((f) => f.setError(''));
        const name = username.input.value.trim();
        let bad = false;
        if (!name) {
          username.setError(t('ui.required'));
          bad = true;
        }
        if (!password.input.value) {
          password.setError(t('ui.required'));
          bad = true;
        }
        if (password.input.value !== confirm.input.value) {
          confirm.setError(t('setup.mismatch'));
          bad = true;
        }
        if (bad) {
          form.querySelector('[aria-invalid="true"]')?.focus();
          return;
        }
        submit.disabled = true;
        try {
          const res = await fetch('/console/api/setup', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              username: name,
              password: password.input.value,
              ...(token ? { token } : {}),
            }),
          });
          const body = await res.json().catch(() => ({}));
          if (!res.ok) {
            if (body.code === 'console.setup_done') return startSignIn();
            const message = body.message || `HTTP ${res.status}`;
            const target = fieldFor(body, { username, password });
            if (target) target.setError(message);
            else {
              formError.textContent = message;
              formError.hidden = false;
            }
            return;
          }
          await startSignIn({ loginHint: name });
        } catch (error) {
          formError.textContent = errorText(error);
          formError.hidden = false;
        } finally {
          submit.disabled = false;
        }
      },
    },
    username,
    password,
    confirm,
    formError,
    submit,
  );
  bare(
    card(
      null,
      h('h1', { tabindex: '-1' }, t('setup.title')),
      h('p', { class: 'muted' }, t('setup.intro').replaceAll('`', '')),
      h('p', { class: 'muted small' }, status.endpoint),
      form,
    ),
  );
}

function problemPage(title, message, action) {
  bare(card(null, h('h1', { tabindex: '-1' }, title), h('p', {}, message), action));
}

function shell(session) {
  const app = document.getElementById('app');
  app.className = 'shell';
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' });
  const links = new Map();
  const nav = h(
    'nav',
    { class: 'sidebar', 'aria-label': t('nav.label') },
    h(
      'ul',
      {},
      navItems.map((item) => {
        if (item.section) return h('li', { class: 'nav-section' }, t(item.section));
        const a = h('a', { href: item.href, 'data-link': true, class: 'nav-link' }, t(item.label));
        links.set(item.key, a);
        return h('li', {}, a);
      }),
    ),
  );
  const top = h(
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
      languageSelect(async (code) => {
        await setLang(code);
        shell(session);
      }),
      h(
        'span',
        { class: 'user', title: t('shell.signed_in_as', { name: session.user.name }) },
        session.user.name,
      ),
      button(t('shell.sign_out'), () => signOut(), { kind: 'secondary' }),
    ),
  );
  replace(app, top, h('div', { class: 'layout' }, nav, main));
  startRouter(main, (meta) => {
    for (const [key, a] of links) {
      const active = key === meta.nav;
      a.classList.toggle('active', active);
      if (active) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  });
}

async function boot() {
  let status;
  try {
    status = await loadStatus();
  } catch (error) {
    problemPage(
      t('ui.load_failed'),
      errorText(error),
      button(t('ui.retry'), () => boot(), { kind: 'primary' }),
    );
    return;
  }
  // Sign-in returns to the endpoint's origin: start there, or the tokens would land in another
  // origin's storage.
  const home = new URL(status.endpoint);
  if (home.origin !== window.location.origin) {
    window.location.replace(home.origin + window.location.pathname + window.location.search);
    return;
  }
  if (window.location.pathname === '/console/callback') {
    try {
      const to = await handleCallback();
      history.replaceState(null, '', to.startsWith('/console') ? to : '/console');
    } catch (error) {
      history.replaceState(null, '', '/console');
      problemPage(
        t('callback.failed'),
        `${error.code ?? ''} ${error.message}`.trim(),
        button(t('callback.again'), () => startSignIn(), { kind: 'primary' }),
      );
      return;
    }
  }
  const session = currentSession();
  if (!session) {
    if (status.needsSetup) return setupPage(status);
    return startSignIn({ returnTo: window.location.pathname + window.location.search });
  }
  if (!session.operator) {
    problemPage(
      t('operator.title'),
      t('operator.body', {
        name: session.user.name,
        user: session.user.username || session.user.id,
      }).replaceAll('`', ''),
      button(t('shell.sign_out'), () => signOut(), { kind: 'primary' }),
    );
    return;
  }
  shell(session);
}

defineRoutes();
boot();
