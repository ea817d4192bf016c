// The admin console's live preview (/console/preview/*) in a real browser: a page of this origin
// frames it with a draft encoded the way the console does (base64url of UTF-8 JSON), the draft's
// branding shows in the forced color scheme and every control is disabled; opened on its own,
// the preview refuses to render.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import { TEST_TIMEOUT, startStack, withPage } from './support/flow.mjs';

let stack;

before(async () => {
  stack = await startStack();
});

after(async () => {
  await stack?.stop();
});

// A page of the server's own origin (answered by playwright, not the server) standing in for the
// console: it encodes `draft` in the browser and frames the preview with it.
async function framePreview(page, { path, lang, mode, draft }) {
  const host = `${stack.server.baseUrl}/console/preview-host-for-tests`;
  await page.route(host, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><iframe id="preview" width="480" height="720"></iframe>',
    }),
  );
  await page.goto(host);
  await page.evaluate(
    ({ path, lang, mode, draft }) => {
      // What the console does: base64url (no padding) of the UTF-8 bytes of the JSON.
      const bytes = new TextEncoder().encode(JSON.stringify(draft));
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      const config = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const query = new URLSearchParams({ lang, mode, config });
      document.getElementById('preview').src = `${path}?${query}`;
    },
    { path, lang, mode, draft },
  );
  const frame = page.frameLocator('#preview');
  await frame.locator('h1').waitFor();
  return frame;
}

test('opened on its own, the preview refuses to render', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(stack, {}, async (page) => {
    const response = await page.goto(`${stack.server.baseUrl}/console/preview/sign-in?lang=en`);
    assert.equal(response.status(), 400);
    assert.match(await page.locator('main').innerText(), /only inside the admin console/);
    await screenshot(page, 'preview-unframed');
  });
});

test('framed by this origin, a dark draft renders inert', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(stack, {}, async (page) => {
    const draft = {
      branding: { appName: 'Draft Books' },
      color: { primaryColor: '#0B6E4F', isDarkModeEnabled: true, darkPrimaryColor: '#7FD1AE' },
    };
    const frame = await framePreview(page, {
      path: '/console/preview/sign-in',
      lang: 'en',
      mode: 'dark',
      draft,
    });
    assert.equal(await frame.locator('h1').innerText(), 'Sign in');
    assert.equal(await frame.locator('.app-name').innerText(), 'Draft Books');
    assert.equal(await frame.locator('.preview-ribbon').innerText(), 'PREVIEW');
    const controls = frame.locator('input, button');
    assert.ok((await controls.count()) >= 2);
    const disabled = await controls.evaluateAll((all) => all.map((c) => c.matches(':disabled')));
    assert.ok(disabled.every(Boolean), 'every input and button is disabled');
    // Dark forced whatever the browser prefers: the draft's dark brand color on the button.
    const button = await frame
      .locator('button')
      .first()
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(button, 'rgb(127, 209, 174)');
    await screenshot(page, 'preview-sign-in-dark');
  });
});

test('a Japanese register preview in light mode', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(stack, { colorScheme: 'dark' }, async (page) => {
    const draft = { color: { primaryColor: '#0B6E4F' }, branding: { appName: '本の森' } };
    const frame = await framePreview(page, {
      path: '/console/preview/register',
      lang: 'ja',
      mode: 'light',
      draft,
    });
    assert.equal(await frame.locator('h1').innerText(), 'アカウントを作成');
    assert.equal(await frame.locator('.app-name').innerText(), '本の森');
    assert.equal(await frame.locator('.preview-ribbon').innerText(), 'プレビュー');
    const button = await frame
      .locator('button')
      .first()
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(button, 'rgb(11, 110, 79)', 'light forced although the browser prefers dark');
    await screenshot(page, 'preview-register-ja-light');
  });
});
