// Integration guide for any traditional web app using a standard OpenID Connect client library.

import { baseOf, code, note, redirectStep, step, text, translator } from './common.js';

function endpoints(ctx) {
  const oidc = `${baseOf(ctx.endpoint)}/oidc`;
  return `Discovery:               ${oidc}/.well-known/openid-configuration
Issuer:                  ${oidc}
Authorization endpoint:  ${oidc}/auth
Token endpoint:          ${oidc}/token
Userinfo endpoint:       ${oidc}/me
JWKS URI:                ${oidc}/jwks
End session endpoint:    ${oidc}/session/end`;
}

function credentials(ctx) {
  return `client_id:     ${ctx.appId}
client_secret: ${ctx.appSecret}
token_endpoint_auth_method: client_secret_basic   # or client_secret_post
response_type: code
scope:         openid profile offline_access`;
}

function authorizeUrl(ctx) {
  const params = [
    'response_type=code',
    `client_id=${encodeURIComponent(ctx.appId)}`,
    `redirect_uri=${encodeURIComponent(ctx.redirectUri)}`,
    'scope=openid%20profile%20offline_access',
    'prompt=consent',
    'state=RANDOM_STATE',
    'code_challenge=BASE64URL_SHA256_OF_CODE_VERIFIER',
    'code_challenge_method=S256',
  ];
  return `${baseOf(ctx.endpoint)}/oidc/auth?${params.join('&')}`;
}

function tokenRequest(ctx) {
  return `curl -u '${ctx.appId}:${ctx.appSecret}' \\
  -d grant_type=authorization_code \\
  -d code=CODE_FROM_THE_CALLBACK \\
  --data-urlencode 'redirect_uri=${ctx.redirectUri}' \\
  -d code_verifier=CODE_VERIFIER \\
  ${baseOf(ctx.endpoint)}/oidc/token`;
}

function endSessionUrl(ctx) {
  const params = [
    'id_token_hint=ID_TOKEN',
    `post_logout_redirect_uri=${encodeURIComponent(ctx.postSignOutRedirectUri)}`,
  ];
  return `${baseOf(ctx.endpoint)}/oidc/session/end?${params.join('&')}`;
}

export function oidcTraditional(ctx, lang) {
  const t = translator(lang);
  return {
    title: t(
      'Connect a traditional web app with OpenID Connect',
      'OpenID Connect で従来型 Web アプリを接続する',
    ),
    steps: [
      step(t('Point your OIDC library at Latch', 'OIDC ライブラリを Latch に向ける'), [
        text(
          t(
            'Any certified OpenID Connect relying-party library works. Most only need the discovery URL (or the issuer); ' +
              'the individual endpoints are listed for libraries that want them.',
            '認定済みの OpenID Connect リライングパーティライブラリであれば何でも使えます。多くはディスカバリー URL (または発行者) だけで設定できます。' +
              '個別のエンドポイントを必要とするライブラリのために、以下に一覧を示します。',
          ),
        ),
        code('text', endpoints(ctx)),
      ]),
      step(t('Set the client credentials', 'クライアント認証情報を設定する'), [
        text(
          t(
            'This is a confidential client: authenticate at the token endpoint with `client_secret_basic` (HTTP Basic) ' +
              'or `client_secret_post` (form fields). Keep the secret on the server.',
            'これはコンフィデンシャルクライアントです。トークンエンドポイントでは `client_secret_basic` (HTTP Basic 認証) ' +
              'または `client_secret_post` (フォームパラメーター) で認証します。シークレットはサーバー側で保管してください。',
          ),
        ),
        code('yaml', credentials(ctx)),
      ]),
      redirectStep(t),
      step(t('Sign in with the authorization code flow', '認可コードフローでサインインする'), [
        text(
          t(
            'Redirect the browser to the authorization endpoint. PKCE with `S256` is recommended: keep the code verifier ' +
              "and the state in the user's session.",
            'ブラウザーを認可エンドポイントにリダイレクトします。`S256` の PKCE を推奨します。コードベリファイアと state はユーザーのセッションに保存してください。',
          ),
        ),
        code('text', authorizeUrl(ctx)),
        text(
          t(
            'Latch redirects back to the Redirect URI with `code` and `state`. Check the state, then exchange the code:',
            'Latch は `code` と `state` を付けてリダイレクト URI に戻します。state を確認してから、認可コードを交換します:',
          ),
        ),
        code('bash', tokenRequest(ctx)),
        note(
          t(
            'Validate the returned ID token (signature against the JWKS, `iss`, `aud` = your App ID, `exp`) before trusting it. ' +
              'With the `offline_access` scope and `prompt=consent` a refresh token is returned too.',
            '返された ID トークンは、信頼する前に検証してください (JWKS による署名、`iss`、`aud` = App ID、`exp`)。' +
              '`offline_access` スコープと `prompt=consent` を指定すると、リフレッシュトークンも返されます。',
          ),
        ),
      ]),
      step(t('Sign out', 'サインアウト'), [
        text(
          t(
            'Clear your own session, then send the browser to the end session endpoint so the Latch session ends too:',
            'アプリ自身のセッションをクリアしてから、ブラウザーをセッション終了エンドポイントに送り、Latch のセッションも終了します:',
          ),
        ),
        code('text', endSessionUrl(ctx)),
      ]),
    ],
  };
}
