// Integration guide for C++ apps on Latch's own SDK (sdk/cpp, CMake package latch_sdk).

import { checkpointStep, code, note, redirectStep, step, text, translator } from './common.js';

function cmakeLists() {
  return `cmake_minimum_required(VERSION 3.24)
project(app CXX)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)

find_package(latch_sdk CONFIG REQUIRED)

add_executable(app main.cpp)
target_link_libraries(app PRIVATE latch::sdk)`;
}

function clientCode(ctx) {
  return `#include <latch/client.hpp>

// MemoryStorage keeps the tokens in memory: fine for a demo with one user.
// For real sessions, implement latch::Storage (get / set / remove) on your session store.
latch::MemoryStorage storage;

latch::Client client{
    latch::Config{
        .endpoint = "${ctx.endpoint}",
        .app_id = "${ctx.appId}",
        .app_secret = "${ctx.appSecret}",
        .scopes = {},
        .resources = {},
    },
    storage};`;
}

function flowCode(ctx) {
  return `// GET /sign-in: send the browser to the URL sign_in returns (HTTP 302 Location)
auto sign_in_url = client.sign_in("${ctx.redirectUri}");

// GET /sign-up: the same, opening the sign-up page first
auto sign_up_url = client.sign_in("${ctx.redirectUri}",
                                  {.interaction_mode = latch::InteractionMode::sign_up});

// GET on the Redirect URI: pass the full URL Latch redirected to (with ?code=...&state=...)
client.handle_sign_in_callback(callback_url);

// GET /sign-out: clear the tokens, then send the browser to the URL sign_out returns
auto sign_out_url = client.sign_out("${ctx.postSignOutRedirectUri}");`;
}

function statusCode() {
  return `if (client.is_authenticated()) {
  auto claims = client.id_token_claims(); // sub, name, email, ... from the ID token
  // render "Authenticated <a href='/sign-out'>Sign out</a>"
} else {
  // render "Not authenticated <a href='/sign-in'>Sign in</a>"
}`;
}

function sampleCode(ctx) {
  return `LATCH_ENDPOINT=${ctx.endpoint} LATCH_APP_ID=${ctx.appId} LATCH_APP_SECRET=${ctx.appSecret} ./build/bookstore`;
}

export function cpp(ctx, lang) {
  const t = translator(lang);
  return {
    title: t('Add authentication to your C++ application', 'C++ アプリケーションに認証を追加する'),
    steps: [
      step(t('Install', 'インストール'), [
        text(
          t(
            'Build and install the Latch C++ SDK from `sdk/cpp` in the Latch source tree, then find it with CMake ' +
              '(C++20 is required).',
            'Latch のソースツリーの `sdk/cpp` から Latch C++ SDK をビルドしてインストールし、CMake で参照します (C++20 が必要です)。',
          ),
        ),
        code(
          'bash',
          'cmake -S sdk/cpp -B build-sdk -DCMAKE_BUILD_TYPE=Release\ncmake --build build-sdk\ncmake --install build-sdk',
        ),
        code('cmake', cmakeLists(), 'CMakeLists.txt'),
      ]),
      step(t('Init the client', 'クライアントを初期化する'), [
        code('cpp', clientCode(ctx), 'main.cpp'),
      ]),
      redirectStep(t),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            "Call the client from your HTTP server's handlers, whatever the framework. `sign_in` and `sign_out` " +
              'return the URL to redirect to; `handle_sign_in_callback` exchanges the code for tokens.',
            'どの HTTP フレームワークでも、サーバーのハンドラーからクライアントを呼び出します。`sign_in` と `sign_out` は' +
              'リダイレクト先の URL を返し、`handle_sign_in_callback` は認可コードをトークンと交換します。',
          ),
        ),
        code('cpp', flowCode(ctx), 'main.cpp'),
        text(
          t(
            'Then show the authentication status with `is_authenticated()` and read the user from `id_token_claims()`:',
            '認証状態は `is_authenticated()` で確認し、ユーザー情報は `id_token_claims()` から取得します:',
          ),
        ),
        code('cpp', statusCode(), 'main.cpp'),
      ]),
      step(t('Try the sample app', 'サンプルアプリを試す'), [
        text(
          t(
            "The SDK ships a complete web app, `examples/bookstore`. Build it and run it with this application's credentials:",
            'SDK には完全な Web アプリ `examples/bookstore` が付属しています。ビルドして、このアプリケーションの認証情報で実行します:',
          ),
        ),
        code('bash', sampleCode(ctx)),
        note(
          t(
            "Register the sample's callback URL as a Redirect URI in the step above if it differs from yours.",
            'サンプルのコールバック URL があなたのものと異なる場合は、上のステップでリダイレクト URI として登録してください。',
          ),
        ),
      ]),
      checkpointStep(t),
    ],
  };
}
