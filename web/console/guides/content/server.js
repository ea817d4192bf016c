// Integration guides for Go (logto-io/go with Gin) and PHP (logto/sdk) web apps.

import {
  checkpointStep,
  code,
  note,
  originOf,
  pathOf,
  portOf,
  redirectStep,
  step,
  text,
  translator,
} from './common.js';

function goStorage() {
  return `package main

import "github.com/gin-contrib/sessions"

// SessionStorage implements the SDK's Storage interface on top of a Gin session.
type SessionStorage struct {
	session sessions.Session
}

func (storage *SessionStorage) GetItem(key string) string {
	value := storage.session.Get(key)
	if value == nil {
		return ""
	}
	return value.(string)
}

func (storage *SessionStorage) SetItem(key, value string) {
	storage.session.Set(key, value)
	storage.session.Save()
}`;
}

function goMain(ctx) {
  return `package main

import (
	"github.com/gin-contrib/sessions"
	"github.com/gin-contrib/sessions/memstore"
	"github.com/gin-gonic/gin"
	"github.com/logto-io/go/v2/client"
)

var logtoConfig = &client.LogtoConfig{
	Endpoint:  "${ctx.endpoint}",
	AppId:     "${ctx.appId}",
	AppSecret: "${ctx.appSecret}",
}

// newLogtoClient returns a client bound to the current request's session.
func newLogtoClient(ctx *gin.Context) *client.LogtoClient {
	return client.NewLogtoClient(logtoConfig, &SessionStorage{session: sessions.Default(ctx)})
}

func main() {
	router := gin.Default()
	store := memstore.NewStore([]byte("replace-with-a-long-random-secret"))
	router.Use(sessions.Sessions("logto-session", store))

	registerRoutes(router)
	router.Run(":${portOf(ctx.redirectUri)}")
}`;
}

function goRoutes(ctx) {
  return `package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/logto-io/go/v2/client"
)

func registerRoutes(router *gin.Engine) {
	router.GET("/sign-in", func(ctx *gin.Context) {
		signInUri, err := newLogtoClient(ctx).SignIn(&client.SignInOptions{
			RedirectUri: "${ctx.redirectUri}",
		})
		if err != nil {
			ctx.String(http.StatusInternalServerError, err.Error())
			return
		}
		ctx.Redirect(http.StatusTemporaryRedirect, signInUri)
	})

	router.GET("${pathOf(ctx.redirectUri)}", func(ctx *gin.Context) {
		if err := newLogtoClient(ctx).HandleSignInCallback(ctx.Request); err != nil {
			ctx.String(http.StatusInternalServerError, err.Error())
			return
		}
		ctx.Redirect(http.StatusTemporaryRedirect, "/")
	})

	router.GET("/sign-out", func(ctx *gin.Context) {
		signOutUri, err := newLogtoClient(ctx).SignOut("${ctx.postSignOutRedirectUri}")
		if err != nil {
			ctx.String(http.StatusInternalServerError, err.Error())
			return
		}
		ctx.Redirect(http.StatusTemporaryRedirect, signOutUri)
	})

	registerHome(router)
}`;
}

function goHome() {
  return `package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func registerHome(router *gin.Engine) {
	router.GET("/", func(ctx *gin.Context) {
		page := "Not authenticated <a href='/sign-in'>Sign in</a>"
		if newLogtoClient(ctx).IsAuthenticated() {
			page = "Authenticated <a href='/sign-out'>Sign out</a>"
		}
		ctx.Data(http.StatusOK, "text/html; charset=utf-8", []byte(page))
	})
}`;
}

export function go(ctx, lang) {
  const t = translator(lang);
  return {
    title: t('Add authentication to your Go application', 'Go アプリケーションに認証を追加する'),
    steps: [
      step(t('Install', 'インストール'), [
        text(
          t(
            'This guide uses the Gin web framework; the same calls work with any Go HTTP server.',
            'このガイドでは Gin Web フレームワークを使いますが、どの Go の HTTP サーバーでも同じ呼び出しで動作します。',
          ),
        ),
        code(
          'bash',
          'go get github.com/logto-io/go/v2 github.com/gin-gonic/gin github.com/gin-contrib/sessions',
        ),
      ]),
      step(t('Init LogtoClient', 'LogtoClient を初期化する'), [
        text(
          t(
            "The SDK keeps the tokens in a `Storage` (`GetItem` / `SetItem`); back it with the user's session.",
            'SDK はトークンを `Storage` (`GetItem` / `SetItem`) に保存します。ユーザーのセッションを使って実装します。',
          ),
        ),
        code('go', goStorage(), 'session_storage.go'),
        code('go', goMain(ctx), 'main.go'),
        note(
          t(
            'The tokens can outgrow a cookie, so this example keeps sessions in memory; use Redis or a database in production.',
            'トークンは Cookie の上限を超えることがあるため、この例ではセッションをメモリに保存します。本番環境では Redis やデータベースを使ってください。',
          ),
        ),
      ]),
      redirectStep(t),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            '`SignIn` returns the Latch sign-in URL, `HandleSignInCallback` finishes sign-in at the Redirect URI, ' +
              'and `SignOut` returns the URL that ends the Latch session.',
            '`SignIn` は Latch のサインイン URL を返し、`HandleSignInCallback` はリダイレクト URI でサインインを完了します。' +
              '`SignOut` は Latch のセッションを終了する URL を返します。',
          ),
        ),
        code('go', goRoutes(ctx), 'routes.go'),
      ]),
      step(t('Handle authentication status', '認証状態を扱う'), [
        text(
          t(
            '`IsAuthenticated()` tells whether the user has signed in.',
            '`IsAuthenticated()` でユーザーがサインイン済みかどうかがわかります。',
          ),
        ),
        code('go', goHome(), 'home.go'),
      ]),
      checkpointStep(t),
    ],
  };
}

function phpClient(ctx) {
  return `<?php
require __DIR__ . '/vendor/autoload.php';

use Logto\\Sdk\\LogtoClient;
use Logto\\Sdk\\LogtoConfig;

session_start(); // the SDK keeps the tokens in the PHP session by default

$client = new LogtoClient(
  new LogtoConfig(
    endpoint: '${ctx.endpoint}',
    appId: '${ctx.appId}',
    appSecret: '${ctx.appSecret}',
  ),
);`;
}

function phpRoutes(ctx) {
  return `<?php
require __DIR__ . '/logto.php';

switch (parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH)) {
  case '/sign-in':
    header('Location: ' . $client->signIn('${ctx.redirectUri}'));
    exit;

  case '${pathOf(ctx.redirectUri)}':
    $client->handleSignInCallback(); // reads the code from the current request
    header('Location: /');
    exit;

  case '/sign-out':
    header('Location: ' . $client->signOut('${ctx.postSignOutRedirectUri}'));
    exit;

  default:
    if ($client->isAuthenticated()) {
      echo "Authenticated <a href='/sign-out'>Sign out</a>";
    } else {
      echo "Not authenticated <a href='/sign-in'>Sign in</a>";
    }
}`;
}

export function php(ctx, lang) {
  const t = translator(lang);
  const host = originOf(ctx.redirectUri).replace(/^https?:\/\//, '');
  return {
    title: t('Add authentication to your PHP application', 'PHP アプリケーションに認証を追加する'),
    steps: [
      step(t('Install', 'インストール'), [
        text(
          t(
            "Install Logto's PHP SDK with Composer.",
            'Composer で Logto の PHP SDK をインストールします。',
          ),
        ),
        code('bash', 'composer require logto/sdk'),
      ]),
      step(t('Init LogtoClient', 'LogtoClient を初期化する'), [
        code('php', phpClient(ctx), 'logto.php'),
      ]),
      redirectStep(t),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            '`signIn` and `signOut` return the URL to redirect to; `handleSignInCallback` finishes sign-in at the ' +
              'Redirect URI; `isAuthenticated` tells whether the user has signed in. Plain PHP is shown; the calls ' +
              'are the same in Laravel or Symfony.',
            '`signIn` と `signOut` はリダイレクト先の URL を返し、`handleSignInCallback` はリダイレクト URI でサインインを完了し、' +
              '`isAuthenticated` でサインイン済みかどうかがわかります。ここでは素の PHP を示しますが、Laravel や Symfony でも呼び出しは同じです。',
          ),
        ),
        code('php', phpRoutes(ctx), 'index.php'),
        text(t('Run it with the built-in server:', '組み込みサーバーで実行します:')),
        code('bash', `php -S ${host} index.php`),
      ]),
      checkpointStep(t),
    ],
  };
}
