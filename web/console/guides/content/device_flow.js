// Integration guide for device-flow apps (a Native app with customClientMetadata.isDeviceFlow):
// the OAuth 2.0 device authorization grant (RFC 8628), as Logto's native-device-flow guide tells
// it. No redirect URIs are involved: the user signs in on another device's browser.

import { baseOf, code, note, step, text, translator } from './common.js';

function deviceCurl(ctx) {
  return `curl -X POST ${baseOf(ctx.endpoint)}/oidc/device/auth \\
  -H 'Content-Type: application/x-www-form-urlencoded' \\
  --data-urlencode 'client_id=${ctx.appId}' \\
  --data-urlencode 'scope=openid offline_access profile'`;
}

function deviceResponse(ctx) {
  const base = baseOf(ctx.endpoint);
  return `{
  "device_code": "Mx3...kQ",
  "user_code": "BCDF-GHJK",
  "verification_uri": "${base}/device",
  "verification_uri_complete": "${base}/device?user_code=BCDF-GHJK",
  "expires_in": 600,
  "interval": 5
}`;
}

function pollCurl(ctx) {
  return `curl -X POST ${baseOf(ctx.endpoint)}/oidc/token \\
  -H 'Content-Type: application/x-www-form-urlencoded' \\
  --data-urlencode 'client_id=${ctx.appId}' \\
  --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:device_code' \\
  --data-urlencode 'device_code=DEVICE_CODE'`;
}

function pollErrors() {
  return `authorization_pending  the user has not finished: wait \`interval\` seconds, poll again
slow_down              you polled too fast: add 5 seconds to the interval, poll again
expired_token          the code expired: start again
access_denied          the user said no: stop`;
}

export function deviceFlow(ctx, lang) {
  const t = translator(lang);
  return {
    title: t('Sign in with the device flow', 'デバイスフローでサインインする'),
    steps: [
      step(t('Understand the device flow', 'デバイスフローを理解する'), [
        text(
          t(
            'The device authorization grant (RFC 8628) is for devices with little or no input: TVs, CLIs, consoles. ' +
              'Your app asks Latch for a code, shows it with an address, and the user enters it there on a phone or a computer, ' +
              'signs in and allows your app. Meanwhile your app polls the token endpoint until the tokens arrive.',
            'デバイス認可グラント (RFC 8628) は、入力手段がほとんどないデバイス (テレビ、CLI、ゲーム機など) 向けです。' +
              'アプリは Latch にコードを要求してアドレスと一緒に表示し、ユーザーはスマートフォンやパソコンでそのアドレスを開いてコードを入力し、サインインしてアプリを許可します。' +
              'その間、アプリはトークンが届くまでトークンエンドポイントをポーリングします。',
          ),
        ),
      ]),
      step(t('Request a device code', 'デバイスコードを要求する'), [
        text(
          t(
            'Send your App ID and the scopes you need to the device authorization endpoint:',
            'App ID と必要なスコープをデバイス認可エンドポイントに送ります:',
          ),
        ),
        code('bash', deviceCurl(ctx)),
        code('json', deviceResponse(ctx)),
      ]),
      step(t('Show the code to the user', 'ユーザーにコードを表示する'), [
        text(
          t(
            'Display `user_code` and `verification_uri`, or a QR code of `verification_uri_complete`, which fills the code in.',
            '`user_code` と `verification_uri` を表示するか、コード入力済みの `verification_uri_complete` を QR コードにして表示します。',
          ),
        ),
      ]),
      step(t('Poll for tokens', 'トークンをポーリングする'), [
        text(
          t(
            'Every `interval` seconds, until `expires_in` runs out, ask the token endpoint with the `device_code`:',
            '`expires_in` が切れるまで、`interval` 秒ごとに `device_code` でトークンエンドポイントに問い合わせます:',
          ),
        ),
        code('bash', pollCurl(ctx)),
        code('text', pollErrors()),
        text(
          t(
            'Once the user allowed it, the answer holds `access_token`, `id_token` (with `openid`) and `refresh_token` (with `offline_access`). ' +
              'A device code is redeemed once.',
            'ユーザーが許可すると、応答に `access_token`、`id_token` (`openid` 指定時)、`refresh_token` (`offline_access` 指定時) が含まれます。' +
              'デバイスコードは一度だけ使えます。',
          ),
        ),
        note(
          t(
            'A working example is in the repository: examples/device-cli (Python, standard library only).',
            'リポジトリに動作するサンプルがあります: examples/device-cli (Python、標準ライブラリのみ)。',
          ),
        ),
      ]),
    ],
  };
}
