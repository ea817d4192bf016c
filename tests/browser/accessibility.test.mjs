// Accessibility basics of the hosted pages with the default configuration, measured in the
// browser: every visible field has a label, keyboard focus moves through the sign-in form in
// reading order, and text on the primary button and the page meets WCAG AA contrast (4.5:1) in
// the light and the dark scheme.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeSmtp } from '../fakes/smtp/fake_smtp.mjs';
import {
  TEST_TIMEOUT,
  assertPage,
  authorizeUrl,
  startStack,
  useFakeSmtp,
  useSignUpMode,
  withPage,
} from './support/flow.mjs';
import { waitUntil } from './support/wait.mjs';

let stack;
let smtp;

before(async () => {
  stack = await startStack();
  smtp = await startFakeSmtp();
  await useFakeSmtp(stack, smtp); // so that sign-in offers "Forgot your password?"
  await useSignUpMode(stack, 'password');
});

after(async () => {
  await smtp?.close();
  await stack?.stop();
});

// Visible inputs without a <label> (by `for` or by nesting): their names.
function unlabelled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((el) => el.labels.length === 0 || !el.labels[0].textContent.trim())
      .map((el) => el.name || el.id),
  );
}

// WCAG 2 contrast ratio between the computed text color of `selector` and the background it
// sits on (the nearest ancestor with an opaque background).
function contrast(page, selector) {
  return page.evaluate((sel) => {
    const rgb = (css) => css.match(/[\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
      const lin = (c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const el = document.querySelector(sel);
    let bg = el;
    while (bg && rgb(getComputedStyle(bg).backgroundColor)[3] === 0) bg = bg.parentElement;
    const fg = luminance(rgb(getComputedStyle(el).color));
    const back = luminance(rgb(getComputedStyle(bg ?? document.body).backgroundColor));
    const [hi, lo] = fg > back ? [fg, back] : [back, fg];
    return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  }, selector);
}

test(
  'every visible field on sign-in, register and forgot password has a label',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      await page.goto(authorizeUrl(stack));
      await assertPage(page, { lang: 'en', title: 'Sign in', pathname: '/sign-in' });
      assert.deepEqual(await unlabelled(page), []);
      await page.getByRole('link', { name: 'Create account' }).click();
      await assertPage(page, { lang: 'en', title: 'Create account', pathname: '/register' });
      assert.deepEqual(await unlabelled(page), []);
      await page.getByRole('link', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await assertPage(page, {
        lang: 'en',
        title: 'Reset your password',
        pathname: '/forgot-password',
      });
      assert.deepEqual(await unlabelled(page), []);
    });
  },
);

test(
  'keyboard: focus starts in the identifier and Tab follows the reading order',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      await page.goto(authorizeUrl(stack));
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement;
          return el.tagName === 'INPUT' ? el.name : el.textContent.trim();
        });
      // Chromium applies autofocus in a task after the load, not with it: wait for it (bounded).
      await waitUntil(page, () => document.activeElement?.name === 'identifier', null, {
        timeout: 3000,
      }).catch(() => {});
      assert.equal(await focused(), 'identifier', 'autofocus on the identifier');
      const order = [];
      for (let i = 0; i < 4; i += 1) {
        await page.keyboard.press('Tab');
        order.push(await focused());
      }
      assert.deepEqual(order, ['password', 'Sign in', 'Forgot your password?', 'Create account']);
    });
  },
);

for (const scheme of ['light', 'dark']) {
  const check = test;
  // The button text follows the brand color's luminance (white or near-black), so the default
  // dark brand color #8B6DFF gets dark text.
  check(
    `contrast (${scheme}): button and body text reach 4.5:1 with the default colors`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, { colorScheme: scheme }, async (page) => {
        await page.goto(authorizeUrl(stack));
        const button = await contrast(page, 'main button');
        const body = await contrast(page, 'main h1');
        const label = await contrast(page, 'main label');
        const muted = await contrast(page, 'main .muted');
        for (const [what, ratio] of Object.entries({ button, body, label, muted })) {
          assert.ok(ratio >= 4.5, `${what} text contrast ${ratio}:1 in the ${scheme} scheme`);
        }
      });
    },
  );
}
