// The console's frame around the pages: first-run setup checks, signing in and out through the
// hosted page, deep links surviving sign-in, an account that is not an operator, the language
// switch, keyboard use (skip link, navigation, a modal's focus trap and Escape), and the strict
// CSP holding (no violations reported by the browser).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  OPERATOR,
  newConsolePage,
  shot,
  signInToConsole,
  startConsoleStack,
  withConsole,
} from './support/console.mjs';
import { waitUntil } from './support/wait.mjs';

let stack;

before(async () => {
  stack = await startConsoleStack({ operator: false });
});

after(async () => {
  await stack?.stop();
});

test(
  'first run: the setup form checks its fields, then makes the operator who signs in',
  { timeout: 60000 },
  async () => {
    const { context, page } = await newConsolePage(stack);
    await page.goto(stack.url('/applications'));
    await page.getByRole('heading', { level: 1, name: 'Create the first admin account' }).waitFor();
    await page.getByRole('button', { name: 'Create account and sign in' }).click();
    assert.equal(await page.getByLabel('Username').getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Username').fill(OPERATOR.username);
    await page.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
    await page.getByLabel('Confirm password').fill('something else');
    await page.getByRole('button', { name: 'Create account and sign in' }).click();
    await page.getByText('The passwords do not match').waitFor();
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm password').fill('short');
    await page.getByRole('button', { name: 'Create account and sign in' }).click();
    // The server's password rule, under the password field.
    await page.locator('.field-error:not([hidden])').first().waitFor();
    await shot(page, 'setup-error');
    await page.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
    await page.getByLabel('Confirm password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Create account and sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
    assert.deepEqual(page.problems, []);
    // Setup is over: another browser is sent to sign in instead.
    const status = await (await fetch(`${stack.server.baseUrl}/console/api/status`)).json();
    assert.equal(status.needsSetup, false);
    await context.close();
  },
);

test('a deep link survives sign-in; sign out ends the session', { timeout: 60000 }, async () => {
  const { context, page } = await newConsolePage(stack);
  await signInToConsole(stack, page, { path: '/audit-logs', heading: /Audit logs/ });
  assert.equal(new URL(page.url()).pathname, '/console/audit-logs');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /Audit logs/ }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  // RP-initiated logout returns to /console, which finds no session and, Latch's session being
  // over too, lands on the sign-in page rather than signing straight back in.
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByLabel('Password').waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('someone who is not an operator is told so and can sign out', { timeout: 60000 }, async () => {
  await stack.server.cliJson([
    'user',
    'create',
    '--username',
    'reader',
    '--password',
    'reader-pass-1',
    '--json',
  ]);
  const { context, page } = await newConsolePage(stack);
  await signInToConsole(stack, page, {
    heading: 'This account is not an operator',
    user: { username: 'reader', password: 'reader-pass-1' },
  });
  await page.getByText('latch admin grant reader').waitFor();
  await shot(page, 'not-operator');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await context.close();
});

test(
  'Japanese: the language switch translates the layout and is remembered',
  { timeout: 60000 },
  async () => {
    await withConsole(stack, {}, async (page) => {
      await page.getByLabel('Language').selectOption('ja');
      await page
        .getByRole('navigation', { name: 'コンソール' })
        .getByRole('link', { name: 'サインイン体験' })
        .waitFor();
      await page.getByRole('heading', { level: 1, name: 'はじめに' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      await shot(page, 'get-started-ja');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'はじめに' }).waitFor();
      await page.getByLabel('言語').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
    });
  },
);

test(
  'keyboard: skip link, navigation, and a modal that keeps focus and closes on Escape',
  { timeout: 60000 },
  async () => {
    await withConsole(stack, {}, async (page) => {
      await page.reload(); // a fresh load: nothing focused yet
      await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
      // Reach "Applications" in the navigation by Tab alone, and open it with Enter.
      let reached = false;
      for (let i = 0; i < 15 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.textContent === 'Applications');
      }
      assert.ok(reached, 'Applications is reachable by keyboard');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
      // The router moves focus to the new page's heading once the page has loaded its data.
      await waitUntil(page, () => document.activeElement?.tagName === 'H1', null, {
        timeout: 5000,
      });
      await page.getByRole('button', { name: 'Create application' }).first().focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        const inside = await dialog.evaluate((el) => el.contains(document.activeElement));
        assert.ok(inside, `focus left the dialog after ${i + 1} Tabs`);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(
        await page.evaluate(() => document.activeElement?.textContent),
        'Create application',
        'focus returns to the button that opened the dialog',
      );
    });
  },
);
