// Integration guides for Python web apps (Flask, Django), both on Logto's `logto` package.

import {
  checkpointStep,
  code,
  note,
  pathOf,
  redirectStep,
  step,
  text,
  translator,
} from './common.js';

function installStep(t) {
  return step(t('Install', 'インストール'), [
    text(
      t(
        "Install the Logto Python SDK. Latch speaks Logto's protocol, so the SDK works unchanged.",
        'Logto の Python SDK をインストールします。Latch は Logto と同じプロトコルに対応しているため、SDK をそのまま使えます。',
      ),
    ),
    code('bash', 'pip install logto # or poetry add logto'),
  ]);
}

function coroutineNote(t, framework) {
  return note(
    t(
      `The SDK's methods are coroutines: call them with \`await\` inside \`async\` ${framework} views.`,
      `SDK のメソッドはコルーチンです。${framework} の \`async\` ビューの中で \`await\` して呼び出してください。`,
    ),
  );
}

function flaskClient(ctx) {
  return `from flask import session
from typing import Union
from logto import LogtoClient, LogtoConfig, Storage


class SessionStorage(Storage):
    def get(self, key: str) -> Union[str, None]:
        return session.get(key, None)

    def set(self, key: str, value: Union[str, None]) -> None:
        session[key] = value

    def delete(self, key: str) -> None:
        session.pop(key, None)


client = LogtoClient(
    LogtoConfig(
        endpoint="${ctx.endpoint}",
        appId="${ctx.appId}",
        appSecret="${ctx.appSecret}",
    ),
    storage=SessionStorage(),
)`;
}

function flaskRoutes(ctx) {
  return `from flask import Flask, redirect, request
from client import client

app = Flask(__name__)
app.secret_key = "replace-with-a-long-random-secret"  # signs the Flask session cookie


@app.route("/sign-in")
async def sign_in():
    # Get the sign-in URL and redirect the user to it
    return redirect(await client.signIn(
        redirectUri="${ctx.redirectUri}",
    ))


@app.route("/sign-up")
async def sign_up():
    # Open the sign-up page first
    return redirect(await client.signIn(
        redirectUri="${ctx.redirectUri}",
        interactionMode="signUp",
    ))


@app.route("${pathOf(ctx.redirectUri)}")
async def callback():
    try:
        await client.handleSignInCallback(request.url)  # Handle the callback and store the tokens
        return redirect("/")  # Back to the home page
    except Exception as e:
        return "Error: " + str(e)


@app.route("/sign-out")
async def sign_out():
    return redirect(
        # Clear the stored tokens and redirect to the sign-out endpoint
        await client.signOut(postLogoutRedirectUri="${ctx.postSignOutRedirectUri}")
    )`;
}

function flaskHome() {
  return `@app.route("/")
async def home():
    if client.isAuthenticated() is False:
        return "Not authenticated <a href='/sign-in'>Sign in</a>"
    return "Authenticated <a href='/sign-out'>Sign out</a>"`;
}

export function flask(ctx, lang) {
  const t = translator(lang);
  return {
    title: t(
      'Add authentication to your Flask application',
      'Flask アプリケーションに認証を追加する',
    ),
    steps: [
      installStep(t),
      step(t('Init LogtoClient', 'LogtoClient を初期化する'), [
        text(
          t(
            'Create `client.py`. The SDK keeps the tokens in a `Storage`; this one stores them in the Flask session.',
            '`client.py` を作成します。SDK はトークンを `Storage` に保存します。ここでは Flask のセッションに保存します。',
          ),
        ),
        code('python', flaskClient(ctx), 'client.py'),
        coroutineNote(t, 'Flask'),
        note(
          t(
            'Async views need Flask\'s async extra: `pip install "flask[async]"`.',
            '非同期ビューには Flask の async エクストラが必要です: `pip install "flask[async]"`',
          ),
        ),
      ]),
      redirectStep(t),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            'Add routes that redirect to Latch for sign-in, handle the callback at the Redirect URI, and sign out.',
            'サインインのために Latch へリダイレクトするルート、リダイレクト URI でコールバックを処理するルート、' +
              'サインアウトのルートを追加します。',
          ),
        ),
        code('python', flaskRoutes(ctx), 'app.py'),
        note(
          t(
            '`interactionMode="signUp"` opens the sign-up page instead of the sign-in page.',
            '`interactionMode="signUp"` を指定すると、サインインページではなくサインアップページが開きます。',
          ),
        ),
      ]),
      step(t('Handle authentication status', '認証状態を扱う'), [
        text(
          t(
            '`client.isAuthenticated()` tells whether the user has signed in; show a link to match.',
            '`client.isAuthenticated()` でユーザーがサインイン済みかどうかがわかります。それに応じたリンクを表示します。',
          ),
        ),
        code('python', flaskHome(), 'app.py'),
      ]),
      checkpointStep(t),
    ],
  };
}

function djangoClient(ctx) {
  return `from typing import Union
from logto import LogtoClient, LogtoConfig, Storage


class DjangoSessionStorage(Storage):
    def __init__(self, request):
        self.session = request.session

    def get(self, key: str) -> Union[str, None]:
        return self.session.get(key, None)

    def set(self, key: str, value: Union[str, None]) -> None:
        self.session[key] = value

    def delete(self, key: str) -> None:
        self.session.pop(key, None)


config = LogtoConfig(
    endpoint="${ctx.endpoint}",
    appId="${ctx.appId}",
    appSecret="${ctx.appSecret}",
)


def logto_client(request) -> LogtoClient:
    # One client per request, reading and writing that request's session
    return LogtoClient(config, storage=DjangoSessionStorage(request))`;
}

function djangoViews(ctx) {
  return `from django.http import HttpResponse
from django.shortcuts import redirect
from .logto_client import logto_client


async def sign_in(request):
    client = logto_client(request)
    return redirect(await client.signIn(redirectUri="${ctx.redirectUri}"))


async def sign_up(request):
    client = logto_client(request)
    return redirect(await client.signIn(
        redirectUri="${ctx.redirectUri}",
        interactionMode="signUp",
    ))


async def callback(request):
    client = logto_client(request)
    await client.handleSignInCallback(request.build_absolute_uri())
    return redirect("/")


async def sign_out(request):
    client = logto_client(request)
    return redirect(await client.signOut(postLogoutRedirectUri="${ctx.postSignOutRedirectUri}"))


def home(request):
    if logto_client(request).isAuthenticated():
        return HttpResponse("Authenticated <a href='/sign-out'>Sign out</a>")
    return HttpResponse("Not authenticated <a href='/sign-in'>Sign in</a>")`;
}

function djangoUrls(ctx) {
  const callback = pathOf(ctx.redirectUri).replace(/^\//, '');
  return `from django.urls import path
from . import views

urlpatterns = [
    path("", views.home),
    path("sign-in", views.sign_in),
    path("sign-up", views.sign_up),
    path("${callback}", views.callback),
    path("sign-out", views.sign_out),
]`;
}

export function django(ctx, lang) {
  const t = translator(lang);
  return {
    title: t(
      'Add authentication to your Django application',
      'Django アプリケーションに認証を追加する',
    ),
    steps: [
      installStep(t),
      step(t('Init LogtoClient', 'LogtoClient を初期化する'), [
        text(
          t(
            'Django uses the same `logto` package. Keep the tokens in the Django session with a small `Storage` adapter.',
            'Django でも同じ `logto` パッケージを使います。小さな `Storage` アダプターでトークンを Django のセッションに保存します。',
          ),
        ),
        code('python', djangoClient(ctx), 'logto_client.py'),
        text(
          t(
            'The async views below read the session, so use a session engine that does not query the database:',
            '以下の非同期ビューはセッションを読み書きするため、データベースにアクセスしないセッションエンジンを使います:',
          ),
        ),
        code(
          'python',
          'SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"',
          'settings.py',
        ),
        coroutineNote(t, 'Django'),
      ]),
      redirectStep(t),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            'Add views for sign-in, the callback at the Redirect URI, sign-out, and a home page that shows the ' +
              'authentication status with `isAuthenticated()`.',
            'サインイン、リダイレクト URI でのコールバック、サインアウトのビューと、`isAuthenticated()` で' +
              '認証状態を表示するホームページを追加します。',
          ),
        ),
        code('python', djangoViews(ctx), 'views.py'),
        code('python', djangoUrls(ctx), 'urls.py'),
      ]),
      checkpointStep(t),
    ],
  };
}
