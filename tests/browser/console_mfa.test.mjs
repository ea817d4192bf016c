// The console's Multi-factor auth page and a user's MFA card, in a real browser: the settings
// saved and read back through the Management API (and the API's refusals shown where they
// belong), a user's factors listed, one removed, backup codes generated and shown once, "Reset
// all MFA", and both pages in Japanese. Screenshots: console-mfa*.png, console-user-mfa*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectStatus } from '../interop/support/management.mjs';
import {
  managementApi,
  shot,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';

const TIMEOUT = 60000;
let stack;
let api;

before(async () => {
  stack = await startConsoleStack();
  api = await managementApi(stack);
});

after(async () => {
  await stack?.stop();
});

const factorBox = (page, factor) => page.locator(`[data-factor="${factor}"] input`);

// A user with a TOTP factor and backup codes, made through the Management API.
async function userWithFactors(username) {
  const user = await expectStatus(api, 200, 'POST', '/users', { username });
  const path = `/users/${user.id}/mfa-verifications`;
  await expectStatus(api, 200, 'POST', path, { type: 'Totp' });
  await expectStatus(api, 200, 'POST', path, { type: 'BackupCode' });
  return { user, path };
}

test(
  'Multi-factor auth settings are saved with PATCH /api/sign-in-exp and read back',
  { timeout: TIMEOUT },
  async () => {
    await withConsole(
      stack,
      { path: '/mfa', heading: 'Multi-factor authentication' },
      async (page) => {
        await page.getByRole('link', { name: 'Multi-factor auth', exact: true }).waitFor();
        assert.equal(
          await page.getByRole('link', { name: 'Multi-factor auth' }).getAttribute('aria-current'),
          'page',
        );
        // No email or SMS connector yet: those factors cannot be turned on.
        assert.equal(await factorBox(page, 'EmailVerificationCode').isDisabled(), true);
        assert.equal(await factorBox(page, 'PhoneVerificationCode').isDisabled(), true);
        await factorBox(page, 'Totp').check();
        await factorBox(page, 'WebAuthn').check();
        await factorBox(page, 'BackupCode').check();
        await page.getByText('You have unsaved changes').waitFor();
        await page.getByRole('radio', { name: /^Mandatory MFA/ }).check();
        // A mandatory policy hides the set-up prompt choices.
        assert.equal(await page.getByTestId('mfa-prompt').count(), 0);
        await page.getByLabel('Enable trusted devices').check();
        await page.getByLabel('Trust duration (days)').fill('14');
        await page.getByLabel('Passkey sign-in', { exact: true }).check();
        await page
          .getByLabel('Allow prompting and autofill of registered passkeys in identifier fields')
          .check();
        await shot(page, 'mfa');
        await page.getByRole('button', { name: 'Save changes' }).click();
        assert.match(await toastText(page), /Multi-factor authentication settings saved/);
        const saved = await expectStatus(api, 200, 'GET', '/sign-in-exp');
        assert.deepEqual(saved.mfa, {
          factors: ['WebAuthn', 'Totp', 'BackupCode'],
          policy: 'Mandatory',
          organizationRequiredMfaPolicy: 'NoPrompt',
        });
        assert.deepEqual(saved.trustedDevice, { enabled: true, durationDays: 14 });
        assert.equal(saved.passkeySignIn.enabled, true);
        assert.equal(saved.passkeySignIn.allowAutofill, true);
        assert.equal(await page.getByText('You have unsaved changes').isVisible(), false);

        // Backup codes alone: the API's refusal shows under the factors.
        await factorBox(page, 'Totp').uncheck();
        await factorBox(page, 'WebAuthn').uncheck();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('Backup codes cannot be the only MFA factor').waitFor();
        // No factor at all under a mandatory policy: shown under "Require MFA".
        await factorBox(page, 'BackupCode').uncheck();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page
          .getByTestId('mfa-requirement')
          .getByText('Mandatory MFA needs at least one factor users can set up.')
          .waitFor();
        await shot(page, 'mfa-error');
        await page.getByRole('button', { name: 'Discard' }).click();
        assert.equal(await factorBox(page, 'Totp').isChecked(), true);

        // Back to optional MFA, asked only at sign-in; organizations' members must enrol.
        await page.getByRole('radio', { name: /^Optional MFA/ }).check();
        await page
          .getByTestId('mfa-prompt')
          .getByRole('radio', { name: /next sign-in attempt after registration/ })
          .check();
        await page
          .getByTestId('mfa-organization-prompt')
          .getByRole('radio', { name: /non-skippable/ })
          .check();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await toastText(page, /settings saved/);
        const optional = await expectStatus(api, 200, 'GET', '/sign-in-exp');
        assert.equal(optional.mfa.policy, 'PromptOnlyAtSignIn');
        assert.equal(optional.mfa.organizationRequiredMfaPolicy, 'Mandatory');
      },
    );
    // Back to no factors: with factors on and a prompting policy, the operator's own next
    // sign-in to the console would (rightly) offer to set one up first.
    await expectStatus(api, 200, 'PATCH', '/sign-in-exp', {
      mfa: { factors: [], policy: 'UserControlled', organizationRequiredMfaPolicy: 'NoPrompt' },
    });
  },
);

test(
  "A user's factors are listed, removed, given backup codes and reset",
  { timeout: TIMEOUT },
  async () => {
    const { user, path } = await userWithFactors('mfa_alice');
    await withConsole(stack, { path: `/users/${user.id}`, heading: 'mfa_alice' }, async (page) => {
      const card = page.locator('section.card', { hasText: 'Multi-factor authentication' });
      await card.getByText('Authenticator app OTP').waitFor();
      await card.getByText('10 of 10 codes left').waitFor();
      await shot(page, 'user-mfa');

      // Remove the backup codes alone.
      await card.getByRole('button', { name: 'Remove Backup codes' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
      await toastText(page, /Backup codes removed/);
      await card.getByText('10 of 10 codes left').waitFor({ state: 'detached' });
      assert.equal((await expectStatus(api, 200, 'GET', path)).length, 1);

      // New backup codes, shown once.
      await card.getByRole('button', { name: 'Generate backup codes' }).click();
      const dialog = page.getByRole('dialog', { name: 'Backup codes' });
      // allInnerTexts() does not wait: wait until the tenth code is shown.
      await dialog.getByTestId('backup-codes').locator('li').nth(9).waitFor();
      const codes = await dialog.getByTestId('backup-codes').locator('li').allInnerTexts();
      assert.equal(codes.length, 10);
      for (const code of codes) assert.match(code, /^[0-9a-f]{10}$/);
      await shot(page, 'user-mfa-codes');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await card.getByText('10 of 10 codes left').waitFor();
      // A second set while these are unused is refused, with Logto's reason.
      await card.getByRole('button', { name: 'Generate backup codes' }).click();
      await page.locator('.toast-error').waitFor();

      // Reset all MFA.
      await card.getByRole('button', { name: 'Reset all MFA' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Reset all MFA' }).click();
      await toastText(page, /MFA of mfa_alice reset/);
      await card.getByTestId('mfa-empty').waitFor();
      assert.deepEqual(await expectStatus(api, 200, 'GET', path), []);
      assert.equal(await card.getByRole('button', { name: 'Reset all MFA' }).count(), 0);
    });
  },
);

test('The Multi-factor auth page and the MFA card in Japanese', { timeout: TIMEOUT }, async () => {
  const { user } = await userWithFactors('mfa_kenji');
  await withConsole(
    stack,
    { lang: 'ja', path: '/mfa', heading: 'マルチファクタ認証' },
    async (page) => {
      await page.getByRole('link', { name: '多要素認証', exact: true }).waitFor();
      await page.getByText('認証アプリの OTP').waitFor();
      await page.getByText('信頼済みデバイス', { exact: true }).waitFor();
      await shot(page, 'mfa-ja');
      await page.goto(stack.url(`/users/${user.id}`));
      const card = page.locator('section.card', { hasText: '多要素認証' });
      await card.getByText('残り 10 / 10 個のコード').waitFor();
      await card.getByRole('button', { name: 'MFA をすべてリセット' }).waitFor();
      await shot(page, 'user-mfa-ja');
    },
  );
});
