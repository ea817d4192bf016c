// The console's "Email and SMS connectors" tab against the real Management API and the node
// fakes: the email connector set up in the console against the fake SMTP server (a bad port
// refused next to the field), a test message that arrives, authenticated; edited (new From, the
// password left as ********) and tested again; removed. The SMS connector the same way against
// the fake SMS gateway, with the provider's refusal shown. Then a Japanese pass of the tab.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { root } from '../interop/support/server.mjs';
import {
  managementApi,
  shot,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';

const TEST_TIMEOUT = 120000;
let stack;
let smtp;
let sms;

// The management API, to set up and check what the console did.
let management;
async function api(method, route, body) {
  const res = await management(method, route, body);
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${route}: ${res.status}`);
  return res.body;
}

const ofType = async (type) => (await api('GET', '/connectors')).filter((c) => c.type === type);

before(async () => {
  const fakeSmtp = await import(pathToFileURL(path.join(root, 'tests/fakes/smtp/fake_smtp.mjs')));
  const fakeSms = await import(pathToFileURL(path.join(root, 'tests/fakes/sms/fake_sms.mjs')));
  smtp = await fakeSmtp.startFakeSmtp();
  sms = await fakeSms.startFakeSms();
  stack = await startConsoleStack();
  management = await managementApi(stack);
});

after(async () => {
  await stack?.stop();
  await smtp?.close();
  await sms?.close();
});

test(
  'email connector: set up against the fake SMTP, test message, edit keeping the password, remove',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withConsole(
      stack,
      { path: '/connectors/passwordless', heading: 'Connectors' },
      async (page) => {
        const slot = page.getByRole('region', { name: 'Email connector' });
        await slot.getByText('Not set up').waitFor();
        await slot.getByRole('button', { name: 'Set up: Email connector' }).click();

        // The form from the factory's formItems, the setup guide beside it.
        const setup = page.getByRole('dialog', { name: 'Set up email connector (SMTP)' });
        const guide = await setup.locator('.connector-setup-guide').innerText();
        assert.match(guide, /587/);
        assert.match(guide, /app password/);
        assert.match(guide, /Your provider must allow it/);
        assert.equal(await setup.getByLabel('Port').getAttribute('type'), 'number');
        assert.equal(await setup.getByLabel('Port').inputValue(), '587');
        assert.equal(
          await setup.getByLabel('Security', { exact: true }).evaluate((el) => el.tagName),
          'SELECT',
        );
        assert.equal(await setup.getByLabel('Security', { exact: true }).inputValue(), 'starttls');
        assert.equal(await setup.getByLabel('Password').getAttribute('type'), 'password');
        assert.equal(
          await setup.getByLabel('Verify the server’s TLS certificate').isChecked(),
          true,
        );
        assert.equal(await setup.getByLabel('Templates').evaluate((el) => el.tagName), 'TEXTAREA');

        // Required fields first, then the API's message (under the field once the API names it).
        await setup.getByRole('button', { name: 'Save and done' }).click();
        await setup.locator('[data-key="host"] .field-error', { hasText: 'Required' }).waitFor();
        await setup.getByLabel('Host').fill(smtp.host);
        await setup.getByLabel('Port').fill('99999');
        await setup.getByLabel('Security', { exact: true }).selectOption('none');
        await setup.getByLabel('Username').fill('latch');
        await setup.getByLabel('Password').fill('smtp-secret');
        await setup.getByLabel('From', { exact: true }).fill('Bookstore <no-reply@example.com>');
        await setup.getByRole('button', { name: 'Save and done' }).click();
        await setup
          .locator(':is(.field-error, .form-error)', { hasText: 'port must be from 1 to 65535' })
          .waitFor();
        assert.deepEqual(await ofType('Email'), []);

        await setup.getByLabel('Port').fill(String(smtp.port));
        await shot(page, 'email-connector-form');
        await setup.getByRole('button', { name: 'Save and done' }).click();
        assert.match(await toastText(page, /SMTP connector added/), /SMTP connector added/);
        await setup.waitFor({ state: 'detached' });

        // The slot shows the configured connector.
        await slot.getByText('Configured').waitFor();
        const summary = slot.getByRole('definition');
        await slot.getByText(`127.0.0.1:${smtp.port}`).waitFor();
        await slot.getByText('Bookstore <no-reply@example.com>').waitFor();
        await slot.getByText('Signs in as latch').waitFor();
        assert.ok((await summary.count()) >= 4);
        const [stored] = await ofType('Email');
        assert.equal(stored.id, 'simple-mail-transfer-protocol');
        assert.equal(stored.config.port, smtp.port);
        assert.equal(stored.config.security, 'none');
        assert.equal(stored.config.password, '********');

        // A test message arrives at the fake, authenticated.
        let since = smtp.messages.length;
        await slot.getByLabel('Email address').fill('reader@example.com');
        await slot.getByRole('button', { name: 'Send test message' }).click();
        assert.match(
          await toastText(page, /Test message sent to reader@example.com/),
          /reader@example.com/,
        );
        let mail = await smtp.waitForMessage((m) => m.to.includes('reader@example.com'), { since });
        assert.deepEqual(mail.auth, { mechanism: 'PLAIN', user: 'latch', pass: 'smtp-secret' });
        assert.equal(mail.from, 'no-reply@example.com');
        assert.match(mail.headers.from, /Bookstore <no-reply@example.com>/);
        assert.match(mail.subject, /test message/);
        await shot(page, 'email-connector-configured');

        // Edit: a new From, the password left as ******** (kept).
        await slot.getByRole('button', { name: 'Edit: Email connector' }).click();
        const edit = page.getByRole('dialog', { name: 'Edit email connector (SMTP)' });
        assert.equal(await edit.getByLabel('Password').inputValue(), '********');
        assert.equal(await edit.getByLabel('Port').inputValue(), String(smtp.port));
        assert.equal(await edit.getByLabel('Security', { exact: true }).inputValue(), 'none');
        await edit
          .getByLabel('From', { exact: true })
          .fill('Bookstore Support <support@example.com>');
        await edit.getByRole('button', { name: 'Save changes' }).click();
        assert.match(await toastText(page, /Changes saved/), /Changes saved/);
        await edit.waitFor({ state: 'detached' });
        await slot.getByText('Bookstore Support <support@example.com>').waitFor();
        const [edited] = await ofType('Email');
        assert.equal(edited.config.from, 'Bookstore Support <support@example.com>');
        assert.equal(edited.config.password, '********');
        assert.equal(edited.config.port, smtp.port);

        since = smtp.messages.length;
        await slot.getByLabel('Email address').fill('second@example.com');
        await slot.getByRole('button', { name: 'Send test message' }).click();
        await toastText(page, /Test message sent to second@example.com/);
        mail = await smtp.waitForMessage((m) => m.to.includes('second@example.com'), { since });
        assert.deepEqual(mail.auth, { mechanism: 'PLAIN', user: 'latch', pass: 'smtp-secret' });
        assert.equal(mail.from, 'support@example.com');

        // Not an address: said next to the field, nothing sent.
        await slot.getByLabel('Email address').fill('not-an-address');
        await slot.getByRole('button', { name: 'Send test message' }).click();
        await slot.getByText('Enter an email address').waitFor();

        // Remove, after a confirmation.
        await slot.getByRole('button', { name: 'Remove: Email connector' }).click();
        const confirm = page.getByRole('dialog', { name: 'Remove the SMTP connector?' });
        await confirm.getByText('Latch stops sending codes by email').waitFor();
        await confirm.getByRole('button', { name: 'Cancel' }).click();
        assert.equal((await ofType('Email')).length, 1);
        await slot.getByRole('button', { name: 'Remove: Email connector' }).click();
        await confirm.getByRole('button', { name: 'Remove' }).click();
        assert.match(await toastText(page, /Connector removed/), /Connector removed/);
        await slot.getByText('Not set up').waitFor();
        await slot.getByRole('button', { name: 'Set up: Email connector' }).waitFor();
        assert.deepEqual(await ofType('Email'), []);
      },
    );
  },
);

test(
  'SMS connector: set up against the fake gateway, test message, provider refusal, remove',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withConsole(
      stack,
      { path: '/connectors/passwordless', heading: 'Connectors' },
      async (page) => {
        const slot = page.getByRole('region', { name: 'SMS connector' });
        await slot.getByRole('button', { name: 'Set up: SMS connector' }).click();
        const setup = page.getByRole('dialog', { name: 'Set up SMS connector (HTTP)' });
        assert.match(await setup.locator('.connector-setup-guide').innerText(), /POSTs the JSON/);
        assert.equal(
          await setup.getByLabel('Authorization header').getAttribute('type'),
          'password',
        );

        await setup.getByLabel('Endpoint').fill('ftp://sms.example.com');
        await setup.getByRole('button', { name: 'Save and done' }).click();
        await setup
          .locator(':is(.field-error, .form-error)', { hasText: 'url must be an http(s) URL' })
          .waitFor();
        await setup.getByLabel('Endpoint').fill(sms.url);
        await setup.getByLabel('Authorization header').fill('Bearer sms-token');
        await setup.getByLabel('Sender id').fill('Bookstore');
        await shot(page, 'sms-connector-form');
        await setup.getByRole('button', { name: 'Save and done' }).click();
        assert.match(await toastText(page, /HTTP SMS connector added/), /HTTP SMS connector added/);
        await slot.getByText('Configured').waitFor();
        await slot.getByText(sms.url).waitFor();
        const [stored] = await ofType('Sms');
        assert.equal(stored.id, 'http-sms');
        assert.equal(stored.config.authorization, '********');

        let since = sms.messages.length;
        await slot.getByLabel('Phone number').fill('+819012345678');
        await slot.getByRole('button', { name: 'Send test message' }).click();
        await toastText(page, /Test message sent to \+819012345678/);
        const message = await sms.waitForMessage((m) => m.to === '+819012345678', { since });
        assert.equal(message.headers.authorization, 'Bearer sms-token');
        assert.equal(message.from, 'Bookstore');
        assert.match(message.text, /test message/);

        // The provider refuses: the server's message (and why) under the number.
        sms.respondWith(503);
        await slot.getByRole('button', { name: 'Send test message' }).click();
        await slot.locator('.field-error', { hasText: 'The code could not be sent' }).waitFor();
        sms.respondWith(200);
        // Chromium logs the expected 503 of that request; it is not a script error.
        page.problems = page.problems.filter((p) => !/status of 503/.test(p));

        // Edit keeps the authorization secret.
        await slot.getByRole('button', { name: 'Edit: SMS connector' }).click();
        const edit = page.getByRole('dialog', { name: 'Edit SMS connector (HTTP)' });
        assert.equal(await edit.getByLabel('Authorization header').inputValue(), '********');
        await edit.getByLabel('Sender id').fill('Shop');
        await edit.getByRole('button', { name: 'Save changes' }).click();
        await toastText(page, /Changes saved/);
        since = sms.messages.length;
        await slot.getByLabel('Phone number').fill('+819012345678');
        await slot.getByRole('button', { name: 'Send test message' }).click();
        const again = await sms.waitForMessage((m) => m.to === '+819012345678', { since });
        assert.equal(again.headers.authorization, 'Bearer sms-token');
        assert.equal(again.from, 'Shop');

        await slot.getByRole('button', { name: 'Remove: SMS connector' }).click();
        await page
          .getByRole('dialog', { name: 'Remove the HTTP SMS connector?' })
          .getByRole('button', { name: 'Remove' })
          .click();
        await toastText(page, /Connector removed/);
        await slot.getByText('Not set up').waitFor();
        assert.deepEqual(await ofType('Sms'), []);
      },
    );
  },
);

test('the tab in Japanese', { timeout: TEST_TIMEOUT }, async () => {
  await api('POST', '/connectors', {
    connectorId: 'simple-mail-transfer-protocol',
    config: {
      host: smtp.host,
      port: smtp.port,
      security: 'none',
      from: 'Bookstore <no-reply@example.com>',
    },
  });
  try {
    await withConsole(
      stack,
      { path: '/connectors/passwordless', heading: 'コネクター', lang: 'ja' },
      async (page) => {
        assert.equal(
          await page
            .getByRole('link', { name: 'メールと SMS コネクター' })
            .getAttribute('aria-current'),
          'page',
        );
        const email = page.getByRole('region', { name: 'メールコネクター' });
        await email.getByText('設定済み').first().waitFor();
        await email.getByText('送信元').first().waitFor();
        await email.getByText('認証なし').waitFor();
        await email.getByRole('button', { name: 'テストメッセージを送信' }).waitFor();
        await email.getByRole('button', { name: '編集: メールコネクター' }).waitFor();
        const smsSlot = page.getByRole('region', { name: 'SMS コネクター' });
        await smsSlot.getByText('未設定').waitFor();
        await shot(page, 'connectors-passwordless-ja');

        // A test message, in Japanese.
        const since = smtp.messages.length;
        await email.getByLabel('メールアドレス').fill('ja@example.com');
        await email.getByRole('button', { name: 'テストメッセージを送信' }).click();
        await toastText(page, /ja@example.com にテストメッセージを送信しました/);
        await smtp.waitForMessage((m) => m.to.includes('ja@example.com'), { since });

        await email.getByRole('button', { name: '編集: メールコネクター' }).click();
        const edit = page.getByRole('dialog', { name: 'メールコネクター（SMTP）を編集' });
        for (const label of [
          'ホスト',
          'ポート',
          'ユーザー名',
          'パスワード',
          'サーバーの TLS 証明書を検証する',
          'CA ファイル',
          'テンプレート',
        ]) {
          await edit.getByLabel(label, { exact: true }).waitFor();
        }
        assert.equal(
          await edit
            .getByLabel('セキュリティ', { exact: true })
            .locator('option:checked')
            .innerText(),
          'なし（暗号化しない）',
        );
        await edit.getByText('メールプロバイダーの SMTP 設定を確認する').waitFor();
        await shot(page, 'email-connector-form-ja');
        await page.keyboard.press('Escape');

        await smsSlot.getByRole('button', { name: '設定: SMS コネクター' }).click();
        const setup = page.getByRole('dialog', { name: 'SMS コネクター（HTTP）を設定' });
        await setup.getByLabel('エンドポイント').waitFor();
        await setup.getByLabel('送信者 ID').waitFor();
        await setup.getByText('HTTP で SMS ゲートウェイに接続する').waitFor();
        await setup.getByRole('button', { name: '保存して完了' }).waitFor();
        await shot(page, 'sms-connector-form-ja');
      },
    );
  } finally {
    await api('DELETE', '/connectors/simple-mail-transfer-protocol').catch(() => {});
  }
});
