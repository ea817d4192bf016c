// Integration guide for machine-to-machine apps: the OAuth 2.0 client credentials grant, for
// your own APIs and for the Latch Management API. No redirect URIs are involved.

import { baseOf, code, note, step, text, translator } from './common.js';

function tokenCurl(ctx) {
  return `curl -u '${ctx.appId}:${ctx.appSecret}' \\
  -d grant_type=client_credentials \\
  -d resource=https://api.example.com \\
  -d 'scope=read:items write:items' \\
  ${baseOf(ctx.endpoint)}/oidc/token`;
}

function tokenResponse() {
  return `{
  "access_token": "eyJhbGciOi...",
  "token_type": "Bearer",
  "expires_in": 3600,
  "scope": "read:items write:items"
}`;
}

function tokenFetch(ctx) {
  return `const credentials = Buffer.from('${ctx.appId}:${ctx.appSecret}').toString('base64');

export async function fetchAccessToken() {
  const response = await fetch('${baseOf(ctx.endpoint)}/oidc/token', {
    method: 'POST',
    headers: {
      authorization: \`Basic \${credentials}\`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource: 'https://api.example.com',
      scope: 'read:items write:items',
    }),
  });
  if (!response.ok) {
    throw new Error(\`Token request failed: \${response.status}\`);
  }
  return response.json(); // { access_token, expires_in, ... }: reuse it until it expires
}`;
}

function managementCurl(ctx) {
  const base = baseOf(ctx.endpoint);
  return `TOKEN=$(curl -s -u '${ctx.appId}:${ctx.appSecret}' \\
  -d grant_type=client_credentials \\
  -d resource=urn:latch:management \\
  -d scope=all \\
  ${base}/oidc/token | jq -r .access_token)

curl -H "Authorization: Bearer $TOKEN" ${base}/api/applications`;
}

function verifyList(ctx) {
  const oidc = `${baseOf(ctx.endpoint)}/oidc`;
  return `Signature:  keys from ${oidc}/jwks
iss:        ${oidc}
aud:        https://api.example.com   (your API identifier)
exp:        not in the past
scope:      contains the permission the endpoint needs`;
}

export function m2m(ctx, lang) {
  const t = translator(lang);
  return {
    title: t('Connect a machine-to-machine app', 'マシン間 (M2M) アプリを接続する'),
    steps: [
      step(t('Request an access token', 'アクセストークンを取得する'), [
        text(
          t(
            'A machine-to-machine app signs in as itself with the client credentials grant: no user, no browser, no redirect ' +
              'URIs. Ask the token endpoint for a token for one API resource (its identifier, here `https://api.example.com`) ' +
              'and the permissions (scopes) this app was granted.',
            'マシン間アプリは、クライアントクレデンシャルグラントでアプリ自身としてサインインします。ユーザーもブラウザーもリダイレクト URI も不要です。' +
              'トークンエンドポイントに、API リソース (ここでは識別子 `https://api.example.com`) と、このアプリに付与された権限 (スコープ) を指定してトークンを要求します。',
          ),
        ),
        code('bash', tokenCurl(ctx)),
        code('json', tokenResponse()),
        note(
          t(
            'The App Secret authenticates this app: keep it on the server, never in a browser or mobile app.',
            'App Secret はこのアプリを認証するものです。サーバー側で保管し、ブラウザーやモバイルアプリには含めないでください。',
          ),
        ),
      ]),
      step(t('Fetch tokens from your code', 'コードからトークンを取得する'), [
        text(
          t(
            'The same request from Node.js (18 or later); cache the token and request a new one shortly before `expires_in` runs out.',
            'Node.js (18 以降) から同じリクエストを送る例です。トークンはキャッシュし、`expires_in` が切れる少し前に新しいトークンを取得します。',
          ),
        ),
        code('js', tokenFetch(ctx), 'token.js'),
      ]),
      step(t('Call the Management API', 'Management API を呼び出す'), [
        text(
          t(
            'To manage Latch itself, request a token for the resource `urn:latch:management` with the scope `all`. ' +
              'The app needs access to the Management API; from the CLI, create it with `latch app create --type m2m --management-api`. ' +
              "Logto's identifier `https://default.logto.app/api` works as an alias, so existing Logto scripts run unchanged.",
            'Latch 自体を管理するには、リソース `urn:latch:management`、スコープ `all` でトークンを要求します。' +
              'アプリには Management API へのアクセス権が必要です。CLI では `latch app create --type m2m --management-api` で作成します。' +
              'Logto の識別子 `https://default.logto.app/api` もエイリアスとして使えるため、既存の Logto 用スクリプトはそのまま動きます。',
          ),
        ),
        code('bash', managementCurl(ctx)),
      ]),
      step(t('Validate the token in your API', 'API でトークンを検証する'), [
        text(
          t(
            'Access tokens for an API resource are JWTs. Your API accepts a request only when the bearer token passes these checks:',
            'API リソース向けのアクセストークンは JWT です。API は、Bearer トークンが次の検証をすべて通過した場合にのみリクエストを受け付けます:',
          ),
        ),
        code('text', verifyList(ctx)),
      ]),
    ],
  };
}
