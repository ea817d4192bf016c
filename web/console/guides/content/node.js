// Integration guides for Node.js web apps: Express (@logto/express) and Next.js (@logto/next).

import {
  checkpointStep,
  code,
  note,
  originOf,
  portOf,
  redirectStep,
  step,
  text,
  translator,
} from './common.js';

function expressConfig(ctx) {
  return `export const config = {
  endpoint: '${ctx.endpoint}',
  appId: '${ctx.appId}',
  appSecret: '${ctx.appSecret}',
  baseUrl: '${originOf(ctx.redirectUri)}', // where this Express app is served
};`;
}

function expressRoutes() {
  return `import express from 'express';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import { handleAuthRoutes, withLogto } from '@logto/express';
import { config } from './logto.js';

const app = express();

app.use(cookieParser());
app.use(session({
  secret: 'replace-with-a-long-random-secret',
  resave: false,
  saveUninitialized: false,
  cookie: { maxAge: 14 * 24 * 60 * 60 * 1000 },
}));
// Registers /logto/sign-in, /logto/sign-in-callback and /logto/sign-out
app.use(handleAuthRoutes(config));`;
}

function expressHome(ctx) {
  return `app.get('/', withLogto(config), (req, res) => {
  res.setHeader('content-type', 'text/html');
  if (req.user.isAuthenticated) {
    res.end(\`<div>Hello \${req.user.claims?.sub}, <a href="/logto/sign-out">Sign out</a></div>\`);
  } else {
    res.end('<div><a href="/logto/sign-in">Sign in</a></div>');
  }
});

app.listen(${portOf(ctx.redirectUri)}); // the port of baseUrl`;
}

export function express(ctx, lang) {
  const t = translator(lang);
  const base = originOf(ctx.redirectUri);
  return {
    title: t(
      'Add authentication to your Express application',
      'Express アプリケーションに認証を追加する',
    ),
    steps: [
      step(t('Install', 'インストール'), [
        text(
          t(
            "Install Logto's Express SDK with the cookie and session middleware it relies on.",
            'Logto の Express SDK と、それが利用する Cookie とセッションのミドルウェアをインストールします。',
          ),
        ),
        code('bash', 'npm i @logto/express cookie-parser express-session'),
      ]),
      step(t('Prepare the config', '設定を用意する'), [
        text(
          t(
            '`baseUrl` is the origin of your Express app; the SDK builds its routes and URIs from it.',
            '`baseUrl` は Express アプリのオリジンです。SDK はこれをもとにルートと URI を組み立てます。',
          ),
        ),
        code('js', expressConfig(ctx), 'logto.js'),
      ]),
      redirectStep(t, [
        note(
          t(
            `@logto/express handles the callback at \`/logto/sign-in-callback\`, so register \`${base}/logto/sign-in-callback\` ` +
              `as the Redirect URI. After sign-out it returns to \`baseUrl\`, so register \`${base}\` as the Post sign-out redirect URI.`,
            `@logto/express は \`/logto/sign-in-callback\` でコールバックを処理するため、リダイレクト URI には ` +
              `\`${base}/logto/sign-in-callback\` を登録してください。サインアウト後は \`baseUrl\` に戻るため、` +
              `サインアウト後のリダイレクト URI には \`${base}\` を登録してください。`,
          ),
        ),
      ]),
      step(t('Register the auth routes', '認証ルートを登録する'), [
        text(
          t(
            '`handleAuthRoutes(config)` adds `/logto/sign-in`, `/logto/sign-in-callback` and `/logto/sign-out`; ' +
              'it needs `cookie-parser` and `express-session` in front of it.',
            '`handleAuthRoutes(config)` は `/logto/sign-in`、`/logto/sign-in-callback`、`/logto/sign-out` を追加します。' +
              'その前に `cookie-parser` と `express-session` を登録しておく必要があります。',
          ),
        ),
        code('js', expressRoutes(), 'app.js'),
      ]),
      step(t('Handle authentication status', '認証状態を扱う'), [
        text(
          t(
            '`withLogto(config)` puts the authentication state on `req.user`: `isAuthenticated` and the ID token `claims`.',
            '`withLogto(config)` は認証状態を `req.user` に設定します: `isAuthenticated` と ID トークンの `claims` です。',
          ),
        ),
        code('js', expressHome(ctx), 'app.js'),
      ]),
      checkpointStep(t),
    ],
  };
}

function nextConfig(ctx) {
  return `import { type LogtoNextConfig } from '@logto/next';

export const logtoConfig: LogtoNextConfig = {
  endpoint: '${ctx.endpoint}',
  appId: '${ctx.appId}',
  appSecret: '${ctx.appSecret}',
  baseUrl: '${originOf(ctx.redirectUri)}', // where this Next.js app is served
  cookieSecret: 'replace-with-a-random-string-of-32-chars-or-more',
  cookieSecure: process.env.NODE_ENV === 'production',
};`;
}

function nextCallback() {
  return `import { handleSignIn } from '@logto/next/server-actions';
import { redirect } from 'next/navigation';
import { type NextRequest } from 'next/server';
import { logtoConfig } from '../logto';

export async function GET(request: NextRequest) {
  await handleSignIn(logtoConfig, request.nextUrl.searchParams);
  redirect('/');
}`;
}

function nextPage(ctx) {
  return `import { getLogtoContext, signIn, signOut } from '@logto/next/server-actions';
import { logtoConfig } from './logto';

export default async function Home() {
  const { isAuthenticated, claims } = await getLogtoContext(logtoConfig);

  if (!isAuthenticated) {
    return (
      <form
        action={async () => {
          'use server';
          await signIn(logtoConfig, '${originOf(ctx.redirectUri)}/callback');
        }}
      >
        <button type="submit">Sign in</button>
      </form>
    );
  }

  return (
    <form
      action={async () => {
        'use server';
        await signOut(logtoConfig, '${ctx.postSignOutRedirectUri}');
      }}
    >
      <p>Hello, {claims?.sub}</p>
      <button type="submit">Sign out</button>
    </form>
  );
}`;
}

export function next(ctx, lang) {
  const t = translator(lang);
  const base = originOf(ctx.redirectUri);
  return {
    title: t(
      'Add authentication to your Next.js application',
      'Next.js アプリケーションに認証を追加する',
    ),
    steps: [
      step(t('Install', 'インストール'), [
        text(
          t(
            'This guide uses the App Router and Server Actions.',
            'このガイドでは App Router と Server Actions を使います。',
          ),
        ),
        code('bash', 'npm i @logto/next'),
      ]),
      step(t('Prepare the config', '設定を用意する'), [
        text(
          t(
            'The SDK keeps the session in an encrypted cookie; `cookieSecret` must be at least 32 characters.',
            'SDK はセッションを暗号化した Cookie に保存します。`cookieSecret` は 32 文字以上にしてください。',
          ),
        ),
        code('ts', nextConfig(ctx), 'app/logto.ts'),
      ]),
      redirectStep(t, [
        note(
          t(
            `The callback route below lives at \`/callback\`, so register \`${base}/callback\` as the Redirect URI.`,
            `以下のコールバックルートは \`/callback\` にあるため、リダイレクト URI には \`${base}/callback\` を登録してください。`,
          ),
        ),
      ]),
      step(t('Handle the callback', 'コールバックを処理する'), [
        text(
          t(
            'After sign-in, Latch redirects to `/callback`; `handleSignIn` exchanges the code for tokens.',
            'サインイン後、Latch は `/callback` にリダイレクトします。`handleSignIn` が認可コードをトークンと交換します。',
          ),
        ),
        code('ts', nextCallback(), 'app/callback/route.ts'),
      ]),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            '`getLogtoContext` reads the authentication state; `signIn` and `signOut` are called from Server Actions.',
            '`getLogtoContext` で認証状態を取得し、`signIn` と `signOut` は Server Actions から呼び出します。',
          ),
        ),
        code('tsx', nextPage(ctx), 'app/page.tsx'),
      ]),
      checkpointStep(t),
    ],
  };
}
