// What the console's browser tests share: a Latch whose console is served (embedded, or from
// $LATCH_CONSOLE_DIR while developing it), an operator account, chromium, and a page signed in
// to the console through the hosted sign-in page, exactly as an operator signs in.
import assert from 'node:assert/strict';
import { managementApi as managementApiOf } from '../../interop/support/management.mjs';
import { startServer } from '../../interop/support/server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';

export const OPERATOR = { username: 'operator', password: 'console-pass-9' };

// Starts Latch (with `env` added) and chromium. `operator: false` leaves the first-run setup
// to the test. Resolves with { server, browser, console: url, stop }.
export async function startConsoleStack({ env = {}, operator = true } = {}) {
  const extra = { ...env };
  if (process.env.LATCH_CONSOLE_DIR) extra.LATCH_CONSOLE_DIR = process.env.LATCH_CONSOLE_DIR;
  const server = await startServer({ env: extra });
  if (operator) {
    await server.cliJson([
      'admin',
      'create',
      '--username',
      OPERATOR.username,
      '--password',
      OPERATOR.password,
      '--json',
    ]);
  }
  const browser = await launchBrowser();
  return {
    server,
    browser,
    // The console at the endpoint's origin (sign-in returns there).
    url: (path = '') => `${server.endpoint}/console${path}`,
    stop: async () => {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

// A fresh browser context in `lang` with its page; page.problems collects script errors and
// CSP violations so a test can assert there were none.
export async function newConsolePage(stack, { lang = 'en' } = {}) {
  const context = await stack.browser.newContext({
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
    extraHTTPHeaders: { 'accept-language': lang === 'ja' ? 'ja,en;q=0.5' : 'en-US,en;q=0.9' },
    viewport: { width: 1360, height: 900 },
  });
  context.setDefaultTimeout(10000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !/favicon\.ico/.test(text) && !/status of 4\d\d/.test(text)) {
      page.problems.push(`console: ${text}`);
    }
  });
  return { context, page };
}

// Opens `path` of the console and signs in on the hosted page as the operator; resolves when
// the console shows the page (its level-1 heading `heading`).
export async function signInToConsole(
  stack,
  page,
  { path = '', heading = 'Get started', user = OPERATOR } = {},
) {
  await page.goto(stack.url(path));
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByLabel(/Username|ユーザー名/).fill(user.username);
  await page.getByLabel(/^(Password|パスワード)$/).fill(user.password);
  await page.getByRole('button', { name: /^(Sign in|サインイン)$/ }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

// Runs `body(page, context)` in a signed-in context (closed afterwards, pass or fail).
export async function withConsole(stack, options, body) {
  const { context, page } = await newConsolePage(stack, options);
  try {
    await signInToConsole(stack, page, options);
    const result = await body(page, context);
    assert.deepEqual(page.problems, [], 'no script errors or CSP violations');
    return result;
  } finally {
    await context.close();
  }
}

// The text of the newest toast; with `expected` (text or RegExp), of the newest toast that
// shows it, waiting for it to appear (an older toast may still be on screen).
export async function toastText(page, expected) {
  const toasts =
    expected === undefined ? page.locator('.toast') : page.locator('.toast', { hasText: expected });
  const toast = toasts.last();
  await toast.waitFor();
  return (await toast.innerText()).trim();
}

// Screenshot under screenshots/console-<name>.png.
// Scrolled to the top first, so the sticky top bar sits where it belongs.
export async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, `console-${name}`);
}

// The management API for a test script (tests/interop/support/management.mjs), against the
// stack's server.
export function managementApi(stack) {
  return managementApiOf(stack.server);
}

// The guide's step "Connectors → Social connectors → Add social connector → GitHub", filled in
// for the GitHub fake at `baseUrl`, then "Save and done". `beforeSave(page)` runs with the form
// filled. Resolves with the Callback URL the connector's page shows.
export async function addGitHubConnector(
  page,
  { clientId, clientSecret, baseUrl },
  { beforeSave } = {},
) {
  await page.getByRole('link', { name: 'Connectors', exact: true }).click();
  await page.getByRole('link', { name: 'Social connectors' }).click();
  await page.getByRole('button', { name: 'Add social connector' }).first().click();
  const picker = page.getByRole('dialog');
  await picker.getByRole('button', { name: /GitHub/ }).click();
  await picker.getByLabel('Client ID').fill(clientId);
  await picker.getByLabel('Client Secret').fill(clientSecret);
  await picker.getByLabel('OAuth base URL').fill(baseUrl);
  await picker.getByLabel('API base URL').fill(baseUrl);
  await beforeSave?.(page);
  await picker.getByRole('button', { name: 'Save and done' }).click();
  const callbackField = page.getByLabel('Callback URL', { exact: true });
  await callbackField.waitFor();
  return callbackField.inputValue();
}

// The guide's step "Sign-in experience → Sign-up and sign-in": sign-up identifier "Not
// applicable", GitHub added to "Social sign-in", saved (waits for the toast).
export async function offerOnlyGitHub(page) {
  await page.getByRole('link', { name: 'Sign-in experience', exact: true }).click();
  await page.getByRole('link', { name: 'Sign-up and sign-in' }).click();
  await page.getByLabel('Sign-up identifier').selectOption({ label: 'Not applicable' });
  const social = page.getByRole('region', { name: 'Social sign-in' });
  await social
    .getByLabel('Add social connector', { exact: true })
    .selectOption({ label: 'GitHub' });
  await social.getByRole('button', { name: 'Add: Add social connector' }).click();
  await social.getByText('GitHub').first().waitFor();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.toast').first().waitFor();
}
