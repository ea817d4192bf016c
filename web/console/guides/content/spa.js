// Integration guides for single-page apps (React, Vue, Angular, Vanilla JS). SPAs are public
// clients: nothing here may contain the App Secret.

import {
  baseOf,
  checkpointStep,
  code,
  note,
  pathOf,
  redirectStep,
  step,
  text,
  translator,
} from './common.js';

function publicClientNote(t) {
  return note(
    t(
      'A single-page app cannot keep a secret, so it signs in as a public client with PKCE: only the endpoint and the App ID are needed.',
      'シングルページアプリはシークレットを安全に保管できないため、PKCE を使うパブリッククライアントとしてサインインします。必要なのはエンドポイントと App ID だけです。',
    ),
  );
}

function install(t, command) {
  return step(t('Install', 'インストール'), [code('bash', command)]);
}

function callbackText(t) {
  return text(
    t(
      'The Redirect URI must be a route of your app: when Latch redirects there, finish the sign-in and go back home.',
      'リダイレクト URI はアプリのルートである必要があります。Latch がそこにリダイレクトしたら、サインインを完了してホームに戻ります。',
    ),
  );
}

function reactProvider(ctx) {
  return `import { LogtoProvider, type LogtoConfig } from '@logto/react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import Callback from './Callback';
import Home from './Home';

const config: LogtoConfig = {
  endpoint: '${ctx.endpoint}',
  appId: '${ctx.appId}',
};

export default function App() {
  return (
    <LogtoProvider config={config}>
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="${pathOf(ctx.redirectUri)}" element={<Callback />} />
        </Routes>
      </BrowserRouter>
    </LogtoProvider>
  );
}`;
}

function reactCallback() {
  return `import { useHandleSignInCallback } from '@logto/react';
import { useNavigate } from 'react-router-dom';

export default function Callback() {
  const navigate = useNavigate();
  const { isLoading } = useHandleSignInCallback(() => {
    navigate('/');
  });

  return isLoading ? <p>Redirecting...</p> : null;
}`;
}

function reactHome(ctx) {
  return `import { useLogto } from '@logto/react';

export default function Home() {
  const { signIn, signOut, isAuthenticated } = useLogto();

  return isAuthenticated ? (
    <button onClick={() => signOut('${ctx.postSignOutRedirectUri}')}>Sign out</button>
  ) : (
    <button onClick={() => signIn('${ctx.redirectUri}')}>Sign in</button>
  );
}`;
}

export function react(ctx, lang) {
  const t = translator(lang);
  return {
    title: t(
      'Add authentication to your React application',
      'React アプリケーションに認証を追加する',
    ),
    steps: [
      install(t, 'npm i @logto/react'),
      step(t('Init LogtoProvider', 'LogtoProvider を初期化する'), [
        text(
          t(
            'Wrap your app in `LogtoProvider`; the example routes use react-router.',
            'アプリを `LogtoProvider` で囲みます。例のルーティングには react-router を使っています。',
          ),
        ),
        code('tsx', reactProvider(ctx), 'App.tsx'),
        publicClientNote(t),
      ]),
      redirectStep(t),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        callbackText(t),
        code('tsx', reactCallback(), 'Callback.tsx'),
        text(
          t(
            '`useLogto()` gives `signIn`, `signOut` and `isAuthenticated`:',
            '`useLogto()` から `signIn`、`signOut`、`isAuthenticated` を取得できます:',
          ),
        ),
        code('tsx', reactHome(ctx), 'Home.tsx'),
      ]),
      checkpointStep(t),
    ],
  };
}

function vueMain(ctx) {
  return `import { createLogto, type LogtoConfig } from '@logto/vue';
import { createApp } from 'vue';
import App from './App.vue';
import router from './router';

const config: LogtoConfig = {
  endpoint: '${ctx.endpoint}',
  appId: '${ctx.appId}',
};

const app = createApp(App);
app.use(createLogto, config);
app.use(router);
app.mount('#app');`;
}

function vueCallback() {
  return `<script setup lang="ts">
import { useHandleSignInCallback } from '@logto/vue';
import { useRouter } from 'vue-router';

const router = useRouter();
const { isLoading } = useHandleSignInCallback(() => {
  router.push('/');
});
</script>

<template>
  <p v-if="isLoading">Redirecting...</p>
</template>`;
}

function vueHome(ctx) {
  return `<script setup lang="ts">
import { useLogto } from '@logto/vue';

const { signIn, signOut, isAuthenticated } = useLogto();
const onClickSignIn = () => signIn('${ctx.redirectUri}');
const onClickSignOut = () => signOut('${ctx.postSignOutRedirectUri}');
</script>

<template>
  <button v-if="isAuthenticated" @click="onClickSignOut">Sign out</button>
  <button v-else @click="onClickSignIn">Sign in</button>
</template>`;
}

function vueRouter(ctx) {
  return `import { createRouter, createWebHistory } from 'vue-router';
import CallbackView from './views/CallbackView.vue';
import HomeView from './views/HomeView.vue';

export default createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: HomeView },
    { path: '${pathOf(ctx.redirectUri)}', component: CallbackView },
  ],
});`;
}

export function vue(ctx, lang) {
  const t = translator(lang);
  return {
    title: t('Add authentication to your Vue application', 'Vue アプリケーションに認証を追加する'),
    steps: [
      install(t, 'npm i @logto/vue'),
      step(t('Init the Logto plugin', 'Logto プラグインを初期化する'), [
        text(
          t('Install the plugin with `createLogto`:', '`createLogto` でプラグインを登録します:'),
        ),
        code('ts', vueMain(ctx), 'main.ts'),
        publicClientNote(t),
      ]),
      redirectStep(t),
      step(t('Handle the callback', 'コールバックを処理する'), [
        callbackText(t),
        code('vue', vueCallback(), 'views/CallbackView.vue'),
        code('ts', vueRouter(ctx), 'router.ts'),
      ]),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            '`useLogto()` gives `signIn`, `signOut` and `isAuthenticated` (a ref):',
            '`useLogto()` から `signIn`、`signOut`、`isAuthenticated` (ref) を取得できます:',
          ),
        ),
        code('vue', vueHome(ctx), 'views/HomeView.vue'),
      ]),
      checkpointStep(t),
    ],
  };
}

function angularConfig(ctx) {
  return `import { type ApplicationConfig } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { provideAuth } from 'angular-auth-oidc-client';

export const appConfig: ApplicationConfig = {
  providers: [
    provideHttpClient(),
    provideAuth({
      config: {
        authority: '${baseOf(ctx.endpoint)}/oidc',
        clientId: '${ctx.appId}',
        redirectUrl: '${ctx.redirectUri}',
        postLogoutRedirectUri: '${ctx.postSignOutRedirectUri}',
        scope: 'openid offline_access profile',
        responseType: 'code',
        silentRenew: true,
        useRefreshToken: true,
      },
    }),
  ],
};`;
}

function angularComponent() {
  return `import { Component, inject, type OnInit } from '@angular/core';
import { OidcSecurityService } from 'angular-auth-oidc-client';

@Component({
  selector: 'app-root',
  standalone: true,
  template: \`
    @if (isAuthenticated) {
      <p>Signed in as {{ userData?.sub }}</p>
      <button (click)="signOut()">Sign out</button>
    } @else {
      <button (click)="signIn()">Sign in</button>
    }
  \`,
})
export class AppComponent implements OnInit {
  private readonly oidcSecurityService = inject(OidcSecurityService);
  isAuthenticated = false;
  userData: { sub?: string } | null = null;

  ngOnInit() {
    // On the Redirect URI this also exchanges the code for tokens
    this.oidcSecurityService.checkAuth().subscribe(({ isAuthenticated, userData }) => {
      this.isAuthenticated = isAuthenticated;
      this.userData = userData;
    });
  }

  signIn() {
    this.oidcSecurityService.authorize();
  }

  signOut() {
    this.oidcSecurityService.logoff().subscribe();
  }
}`;
}

export function angular(ctx, lang) {
  const t = translator(lang);
  return {
    title: t(
      'Add authentication to your Angular application',
      'Angular アプリケーションに認証を追加する',
    ),
    steps: [
      step(t('Install', 'インストール'), [
        text(
          t(
            'Angular apps use the certified OIDC library angular-auth-oidc-client, pointed at Latch.',
            'Angular アプリでは、認定済みの OIDC ライブラリ angular-auth-oidc-client を Latch に向けて使います。',
          ),
        ),
        code('bash', 'npm i angular-auth-oidc-client'),
      ]),
      step(t('Configure the OIDC client', 'OIDC クライアントを設定する'), [
        text(
          t(
            'The authority is the Latch OIDC issuer; the client ID is the App ID.',
            'authority には Latch の OIDC 発行者を、clientId には App ID を指定します。',
          ),
        ),
        code('ts', angularConfig(ctx), 'app.config.ts'),
        publicClientNote(t),
      ]),
      redirectStep(t),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            '`checkAuth()` runs on startup and completes the sign-in when the page is the Redirect URI; ' +
              '`authorize()` signs in and `logoff()` signs out.',
            '`checkAuth()` は起動時に実行され、ページがリダイレクト URI のときにサインインを完了します。' +
              '`authorize()` でサインインし、`logoff()` でサインアウトします。',
          ),
        ),
        code('ts', angularComponent(), 'app.component.ts'),
      ]),
      checkpointStep(t),
    ],
  };
}

function vanillaInit(ctx) {
  return `import LogtoClient from '@logto/browser';

export const logtoClient = new LogtoClient({
  endpoint: '${ctx.endpoint}',
  appId: '${ctx.appId}',
});`;
}

function vanillaMain(ctx) {
  return `import { logtoClient } from './logto.js';

const button = document.querySelector('#auth');

async function finishSignIn() {
  if (await logtoClient.isSignInRedirected(window.location.href)) {
    await logtoClient.handleSignInCallback(window.location.href);
    window.location.replace('/');
  }
}

async function render() {
  if (await logtoClient.isAuthenticated()) {
    button.textContent = 'Sign out';
    button.onclick = () => logtoClient.signOut('${ctx.postSignOutRedirectUri}');
  } else {
    button.textContent = 'Sign in';
    button.onclick = () => logtoClient.signIn('${ctx.redirectUri}');
  }
}

finishSignIn().then(render);`;
}

export function vanillaJs(ctx, lang) {
  const t = translator(lang);
  return {
    title: t('Add authentication to your JavaScript app', 'JavaScript アプリに認証を追加する'),
    steps: [
      step(t('Install', 'インストール'), [
        text(
          t(
            'Install the browser SDK and load your code through a bundler such as Vite.',
            'ブラウザー SDK をインストールし、Vite などのバンドラーでコードを読み込みます。',
          ),
        ),
        code('bash', 'npm i @logto/browser'),
      ]),
      step(t('Init LogtoClient', 'LogtoClient を初期化する'), [
        code('js', vanillaInit(ctx), 'logto.js'),
        publicClientNote(t),
      ]),
      redirectStep(t),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            '`signIn` redirects to Latch; on the Redirect URI, `handleSignInCallback(window.location.href)` finishes the ' +
              'sign-in; `isAuthenticated()` tells the state. The page needs a `<button id="auth">`.',
            '`signIn` で Latch にリダイレクトし、リダイレクト URI で `handleSignInCallback(window.location.href)` を呼んでサインインを完了します。' +
              '`isAuthenticated()` で認証状態がわかります。ページには `<button id="auth">` が必要です。',
          ),
        ),
        code('js', vanillaMain(ctx), 'main.js'),
      ]),
      checkpointStep(t),
    ],
  };
}
