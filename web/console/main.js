// The console's entry: finishes a sign-in on /console/callback, offers the first-run admin
// account when there is no operator, sends everyone else through sign-in, then draws the
// layout (shell/layout.js: navigation, language, account) and starts routing.
import { setLang, t } from './lib/i18n.js';
import { currentSession, handleCallback, loadStatus, signOut, startSignIn } from './lib/auth.js';
import { button, errorText } from './lib/ui.js';
import { barePage, problemCard } from './shell/bare.js';
import { shell } from './shell/layout.js';
import { defineRoutes } from './shell/routes.js';
import { setupCard } from './shell/setup_page.js';

// A bare page; picking a language starts again in it.
function bare(...children) {
  const relang = async (code) => {
    await setLang(code);
    boot();
  };
  barePage(relang, ...children);
}

function problemPage(title, message, action) {
  bare(problemCard(title, message, action));
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
  bare(setupCard(status, token));
}

// Finishes a sign-in that returned to /console/callback; false (with a problem page) if it
// failed.
async function finishSignIn() {
  try {
    const to = await handleCallback();
    history.replaceState(null, '', to.startsWith('/console') ? to : '/console');
    return true;
  } catch (error) {
    history.replaceState(null, '', '/console');
    problemPage(
      t('callback.failed'),
      `${error.code ?? ''} ${error.message}`.trim(),
      button(t('callback.again'), () => startSignIn(), { kind: 'primary' }),
    );
    return false;
  }
}

function notOperator(session) {
  const text = t('operator.body', {
    name: session.user.name,
    user: session.user.username || session.user.id,
  }).replaceAll('`', '');
  problemPage(
    t('operator.title'),
    text,
    button(t('shell.sign_out'), () => signOut(), { kind: 'primary' }),
  );
}

async function boot() {
  let status;
  try {
    status = await loadStatus();
  } catch (error) {
    const retry = button(t('ui.retry'), () => boot(), { kind: 'primary' });
    problemPage(t('ui.load_failed'), errorText(error), retry);
    return;
  }
  // Sign-in returns to the endpoint's origin: start there, or the tokens would land in another
  // origin's storage.
  const home = new URL(status.endpoint);
  if (home.origin !== window.location.origin) {
    window.location.replace(home.origin + window.location.pathname + window.location.search);
    return;
  }
  if (window.location.pathname === '/console/callback' && !(await finishSignIn())) return;
  const session = currentSession();
  if (!session) {
    if (status.needsSetup) return setupPage(status);
    return startSignIn({ returnTo: window.location.pathname + window.location.search });
  }
  if (!session.operator) {
    notOperator(session);
    return;
  }
  shell(session);
}

defineRoutes();
boot();
