// Organizations on the hosted pages in a real browser: an invitee opens the link of the
// invitation email (Latch's own invitation page), registers with the invited address verified
// by a code and lands in the organization with the invitation's role; someone who registers
// with another address gets a readable page and the invitation stays open; a withdrawn
// invitation explains itself (English and Japanese); registering with an address of a JIT
// domain joins that organization; organization_id on /oidc/auth dresses the sign-in page in the
// organization's branding, and an unknown id keeps the default.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFakeSmtp } from '../fakes/smtp/fake_smtp.mjs';
import { managementApi, expectStatus } from '../interop/support/management.mjs';
import { screenshot } from './support/browser.mjs';
import {
  TEST_TIMEOUT,
  assertPage,
  authorizeUrl,
  reachCallback,
  redeem,
  setExperience,
  startStack,
  submit,
  useFakeSmtp,
  waitForPath,
  withPage,
} from './support/flow.mjs';

let stack;
let smtp;
let api;

before(async () => {
  stack = await startStack();
  smtp = await startFakeSmtp();
  await useFakeSmtp(stack, smtp);
  api = await managementApi(stack.server);
  await setExperience(stack, [
    'signUp={"identifiers":["email"],"password":true,"verify":true}',
    'signIn.methods=[{"identifier":"email","password":true,"verificationCode":true,' +
      '"isPasswordPrimary":true}]',
  ]);
});

after(async () => {
  await smtp?.close();
  await stack?.stop();
});

const PASSWORD = 'Amber-Falcon-31!';

async function organization(name, extra = {}) {
  return expectStatus(api, 201, 'POST', '/organizations', { name, ...extra });
}

// Creates an invitation whose email links to Latch's page; resolves with it and that link.
async function invite(org, invitee, extra = {}) {
  const since = smtp.messages.length;
  const invitation = await expectStatus(api, 201, 'POST', '/organization-invitations', {
    organizationId: org.id,
    invitee,
    expiresAt: Date.now() + 3_600_000,
    messagePayload: {},
    ...extra,
  });
  const mail = await smtp.waitForMessage((m) => m.to.includes(invitee), { since });
  const link = /https?:\/\/\S+\/invitation\/[0-9a-z]+/.exec(mail.body)?.[0];
  assert.ok(link, `no invitation link in: ${mail.body}`);
  return { invitation, link, mail };
}

// On the register page: the email (prefilled with the invitee), its code, then the password.
async function registerWithCode(page, email) {
  await waitForPath(page, '/register');
  const field = page.getByLabel('Email');
  await field.fill(email);
  const since = smtp.messages.length;
  await submit(page, page.getByRole('button', { name: 'Send verification code' }));
  await waitForPath(page, '/verification-code');
  const mail = await smtp.waitForMessage((m) => m.to.includes(email), { since });
  await page.getByLabel('Verification code').fill(mail.code);
  await submit(page, page.getByRole('button', { name: 'Continue', exact: true }));
  await waitForPath(page, '/continue');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await submit(page, page.getByRole('button', { name: 'Continue', exact: true }));
}

describe('invitations', () => {
  let acme;
  let editor;

  before(async () => {
    acme = await organization('Acme Books');
    editor = await expectStatus(api, 201, 'POST', '/organization-roles', { name: 'editor' });
  });

  test(
    'the invitee registers from the email link and lands in the organization with the role',
    { timeout: TEST_TIMEOUT },
    async () => {
      const invitee = 'ivy@example.com';
      const { invitation, link, mail } = await invite(acme, invitee, {
        organizationRoleIds: [editor.id],
      });
      assert.equal(mail.subject, 'You are invited to join Acme Books');
      await withPage(stack, { lang: 'en' }, async (page) => {
        await page.goto(link);
        await assertPage(page, { lang: 'en', title: 'Join Acme Books' });
        await page.getByText('Your roles there: editor.').waitFor();
        await screenshot(page, 'invitation-en');
        await page.getByRole('link', { name: 'Create an account' }).click();
        await waitForPath(page, '/register');
        assert.equal(await page.getByLabel('Email').inputValue(), invitee);
        await registerWithCode(page, invitee);
        await waitForPath(page, `/invitation/${invitation.id}/done`);
        await assertPage(page, { lang: 'en', title: 'You joined Acme Books' });
        await screenshot(page, 'invitation-joined-en');
        // The invitation's sign-in is for no app: resuming it at the OP mints no code.
        const cookies = await page.context().cookies();
        const interaction = cookies.find((c) => c.name === '_latch_interaction');
        if (interaction) {
          const resumed = await page.goto(new URL(`/oidc/auth/${interaction.value}`, link).href);
          assert.equal(resumed.status(), 404);
          assert.ok(!page.url().includes('code='), page.url());
        }
      });
      const after = await expectStatus(
        api,
        200,
        'GET',
        `/organization-invitations/${invitation.id}`,
      );
      assert.equal(after.status, 'Accepted');
      const members = await expectStatus(api, 200, 'GET', `/organizations/${acme.id}/users`);
      const member = members.find((u) => u.primaryEmail === invitee);
      assert.ok(member, JSON.stringify(members));
      assert.equal(after.acceptedUserId, member.id);
      assert.deepEqual(
        member.organizationRoles.map((r) => r.name),
        ['editor'],
      );
    },
  );

  test(
    'registering with another address shows a readable page and keeps the invitation open',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { invitation, link } = await invite(acme, 'wanted@example.com');
      await withPage(stack, { lang: 'en' }, async (page) => {
        await page.goto(link);
        await page.getByRole('link', { name: 'Create an account' }).click();
        await registerWithCode(page, 'someone.else@example.com');
        await waitForPath(page, `/invitation/${invitation.id}/done`);
        await assertPage(page, {
          lang: 'en',
          title: 'This invitation is for another email address',
        });
        await page
          .getByText(
            'You signed in as someone.else@example.com, but the invitation is for ' +
              'wanted@example.com.',
          )
          .waitFor();
        await screenshot(page, 'invitation-wrong-email-en');
      });
      const still = await expectStatus(
        api,
        200,
        'GET',
        `/organization-invitations/${invitation.id}`,
      );
      assert.equal(still.status, 'Pending');
      const members = await expectStatus(api, 200, 'GET', `/organizations/${acme.id}/users`);
      assert.equal(
        members.some((u) => u.primaryEmail === 'someone.else@example.com'),
        false,
      );
    },
  );

  test(
    'a withdrawn invitation explains itself in English and Japanese',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { invitation, link } = await invite(acme, 'late@example.com');
      await expectStatus(api, 200, 'PUT', `/organization-invitations/${invitation.id}/status`, {
        status: 'Revoked',
      });
      for (const [lang, title] of [
        ['en', 'This invitation was withdrawn'],
        ['ja', 'この招待は取り消されました'],
      ]) {
        await withPage(stack, { lang }, async (page) => {
          const res = await page.goto(link);
          assert.equal(res.status(), 200);
          await assertPage(page, { lang, title });
          await screenshot(page, `invitation-revoked-${lang}`);
          // The way in is gone too.
          await page.goto(`${link}/start?screen=register`);
          await assertPage(page, { lang, title });
        });
      }
      await withPage(stack, { lang: 'en' }, async (page) => {
        const res = await page.goto(`${stack.server.baseUrl}/invitation/nonexistent`);
        assert.equal(res.status(), 404);
        await assertPage(page, { lang: 'en', title: 'Invitation not found' });
      });
    },
  );
});

describe('just-in-time membership', () => {
  test(
    'registering with a verified address of a JIT domain joins the organization',
    { timeout: TEST_TIMEOUT },
    async () => {
      const org = await organization('Domain Co');
      await expectStatus(api, 201, 'POST', `/organizations/${org.id}/jit/email-domains`, {
        emailDomain: 'domain.example',
      });
      await withPage(stack, { lang: 'en' }, async (page) => {
        await page.goto(authorizeUrl(stack, { first_screen: 'register' }));
        await registerWithCode(page, 'joiner@domain.example');
        const { claims } = await redeem(stack, await reachCallback(stack, page));
        const members = await expectStatus(api, 200, 'GET', `/organizations/${org.id}/users`);
        assert.deepEqual(
          members.map((u) => u.id),
          [claims.sub],
        );
      });
    },
  );
});

describe('organization branding', () => {
  // What the browser rendered: the logo's address and the primary button's color.
  const rendered = (page) =>
    page.evaluate(() => ({
      logo: document.querySelector('header img')?.getAttribute('src') ?? null,
      button: getComputedStyle(document.querySelector('main button')).backgroundColor,
    }));

  test(
    'organization_id on /oidc/auth shows the organization colors and logo; an unknown id the default',
    { timeout: TEST_TIMEOUT },
    async () => {
      const logo = `${stack.server.baseUrl}/static/org-logo.svg`;
      const org = await organization('Branded', {
        color: { primaryColor: '#0B6E4F' },
        branding: { logoUrl: logo },
      });
      await withPage(stack, { lang: 'en' }, async (page) => {
        await page.goto(authorizeUrl(stack, { organization_id: org.id }));
        await assertPage(page, { lang: 'en', title: 'Sign in', pathname: '/sign-in' });
        const branded = await rendered(page);
        assert.equal(branded.logo, logo);
        assert.equal(branded.button, 'rgb(11, 110, 79)');
        await screenshot(page, 'organization-branding');
      });
      await withPage(stack, { lang: 'en' }, async (page) => {
        await page.goto(authorizeUrl(stack, { organization_id: 'no-such-organization' }));
        await assertPage(page, { lang: 'en', title: 'Sign in', pathname: '/sign-in' });
        const plain = await rendered(page);
        assert.equal(plain.logo, null);
        assert.equal(plain.button, 'rgb(93, 52, 242)');
      });
    },
  );
});
