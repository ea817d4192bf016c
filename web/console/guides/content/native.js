// Integration guides for native apps (iOS, Android, Flutter). Native apps are public clients:
// nothing here may contain the App Secret.

import {
  code,
  nativeCheckpointStep,
  note,
  redirectStep,
  schemeOf,
  step,
  text,
  translator,
} from './common.js';

function publicClientNote(t) {
  return note(
    t(
      'A native app cannot keep a secret, so it signs in as a public client with PKCE: only the endpoint and the App ID are needed.',
      'ネイティブアプリはシークレットを安全に保管できないため、PKCE を使うパブリッククライアントとしてサインインします。必要なのはエンドポイントと App ID だけです。',
    ),
  );
}

function customSchemeNote(t) {
  return note(
    t(
      'Native apps use a custom-scheme Redirect URI in reverse domain notation, such as `io.logto://callback`.',
      'ネイティブアプリでは、`io.logto://callback` のような逆ドメイン形式のカスタムスキームをリダイレクト URI に使います。',
    ),
  );
}

function swiftPackage() {
  return `dependencies: [
    .package(url: "https://github.com/logto-io/swift.git", from: "1.0.0"),
],
targets: [
    .target(name: "App", dependencies: [
        .product(name: "Logto", package: "swift"),
        .product(name: "LogtoClient", package: "swift"),
    ]),
]`;
}

function swiftAuth(ctx) {
  return `import Logto
import LogtoClient

final class Auth {
    let client: LogtoClient

    init() throws {
        client = LogtoClient(
            useConfig: try LogtoConfig(
                endpoint: "${ctx.endpoint}",
                appId: "${ctx.appId}"
            )
        )
    }
}`;
}

function swiftSignIn(ctx) {
  return `extension Auth {
    func signIn() async {
        do {
            try await client.signInWithBrowser(redirectUri: "${ctx.redirectUri}")
            print(client.isAuthenticated) // true
        } catch let error as LogtoClientErrors.SignIn {
            print("Sign-in failed: \\(error)")
        } catch {
            print(error)
        }
    }

    func signOut() async {
        await client.signOut() // clears the local tokens and revokes the refresh token
        print(client.isAuthenticated) // false
    }
}`;
}

export function ios(ctx, lang) {
  const t = translator(lang);
  return {
    title: t(
      'Add authentication to your iOS (Swift) application',
      'iOS (Swift) アプリケーションに認証を追加する',
    ),
    steps: [
      step(t('Install', 'インストール'), [
        text(
          t(
            'In Xcode choose File > Add Package Dependencies and enter `https://github.com/logto-io/swift`, or add it to `Package.swift`:',
            'Xcode で File > Add Package Dependencies を選び `https://github.com/logto-io/swift` を入力するか、`Package.swift` に追加します:',
          ),
        ),
        code('swift', swiftPackage(), 'Package.swift'),
      ]),
      step(t('Init LogtoClient', 'LogtoClient を初期化する'), [
        code('swift', swiftAuth(ctx), 'Auth.swift'),
        publicClientNote(t),
      ]),
      redirectStep(t, [customSchemeNote(t)]),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            '`signInWithBrowser` opens the Latch sign-in page in a secure browser session and returns when the user ' +
              'comes back to the Redirect URI; no URL scheme registration is needed for it.',
            '`signInWithBrowser` はセキュアなブラウザーセッションで Latch のサインインページを開き、ユーザーがリダイレクト URI に' +
              '戻ると完了します。そのための URL スキームの登録は不要です。',
          ),
        ),
        code('swift', swiftSignIn(ctx), 'Auth.swift'),
      ]),
      nativeCheckpointStep(t),
    ],
  };
}

function gradleDeps() {
  return `dependencies {
    implementation("io.logto.sdk:android:1.1.3")
}`;
}

function kotlinViewModel(ctx) {
  return `import android.app.Activity
import android.app.Application
import androidx.lifecycle.AndroidViewModel
import androidx.lifecycle.MutableLiveData
import io.logto.sdk.android.LogtoClient
import io.logto.sdk.android.type.LogtoConfig

class LogtoViewModel(application: Application) : AndroidViewModel(application) {
    private val logtoConfig = LogtoConfig(
        endpoint = "${ctx.endpoint}",
        appId = "${ctx.appId}",
        scopes = null,
        resources = null,
        usingPersistStorage = true,
    )

    private val logtoClient = LogtoClient(logtoConfig, application)

    val authenticated = MutableLiveData(logtoClient.isAuthenticated)

    fun signIn(context: Activity) {
        logtoClient.signIn(context, "${ctx.redirectUri}") { logtoException ->
            logtoException?.let { println(it) }
            authenticated.postValue(logtoClient.isAuthenticated)
        }
    }

    fun signOut() {
        logtoClient.signOut { logtoException ->
            logtoException?.let { println(it) }
            authenticated.postValue(logtoClient.isAuthenticated)
        }
    }
}`;
}

export function android(ctx, lang) {
  const t = translator(lang);
  return {
    title: t(
      'Add authentication to your Android (Kotlin) application',
      'Android (Kotlin) アプリケーションに認証を追加する',
    ),
    steps: [
      step(t('Install', 'インストール'), [
        text(
          t(
            'Make sure `mavenCentral()` is in your repositories, then add the SDK (minimum API level 24):',
            'リポジトリに `mavenCentral()` が含まれていることを確認してから、SDK を追加します (最小 API レベル 24):',
          ),
        ),
        code('kotlin', gradleDeps(), 'build.gradle.kts'),
        text(
          t(
            'The SDK needs network access: add `<uses-permission android:name="android.permission.INTERNET" />` to `AndroidManifest.xml`.',
            'SDK はネットワークにアクセスするため、`AndroidManifest.xml` に `<uses-permission android:name="android.permission.INTERNET" />` を追加します。',
          ),
        ),
      ]),
      step(t('Init LogtoClient', 'LogtoClient を初期化する'), [
        text(
          t(
            'Create the client in a view model; `usingPersistStorage = true` keeps the user signed in across restarts.',
            'ビューモデルでクライアントを作成します。`usingPersistStorage = true` にすると、再起動後もサインイン状態が保持されます。',
          ),
        ),
        code('kotlin', kotlinViewModel(ctx), 'LogtoViewModel.kt'),
        publicClientNote(t),
      ]),
      redirectStep(t, [
        note(
          t(
            'On Android the Redirect URI follows the pattern `<custom scheme>://<your app package>/callback`, ' +
              'for example `io.logto.android://io.logto.sample/callback`.',
            'Android では、リダイレクト URI は `<カスタムスキーム>://<アプリのパッケージ名>/callback` の形式になります。' +
              '例: `io.logto.android://io.logto.sample/callback`',
          ),
        ),
      ]),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            'Call the view model from your activity, and update the UI from `authenticated`:',
            'アクティビティからビューモデルを呼び出し、`authenticated` に応じて UI を更新します:',
          ),
        ),
        code(
          'kotlin',
          `signInButton.setOnClickListener { logtoViewModel.signIn(this) }
signOutButton.setOnClickListener { logtoViewModel.signOut() }

logtoViewModel.authenticated.observe(this) { isAuthenticated ->
    signInButton.isEnabled = !isAuthenticated
    signOutButton.isEnabled = isAuthenticated
}`,
          'MainActivity.kt',
        ),
      ]),
      nativeCheckpointStep(t),
    ],
  };
}

function flutterInit(ctx) {
  return `import 'package:http/http.dart' as http;
import 'package:logto_dart_sdk/logto_dart_sdk.dart';

final logtoConfig = const LogtoConfig(
  endpoint: "${ctx.endpoint}",
  appId: "${ctx.appId}",
);

final logtoClient = LogtoClient(
  config: logtoConfig,
  httpClient: http.Client(),
);`;
}

function flutterManifest(ctx) {
  return `<activity
    android:name="com.linusu.flutter_web_auth_2.CallbackActivity"
    android:exported="true">
    <intent-filter android:label="flutter_web_auth_2">
        <action android:name="android.intent.action.VIEW" />
        <category android:name="android.intent.category.DEFAULT" />
        <category android:name="android.intent.category.BROWSABLE" />
        <data android:scheme="${schemeOf(ctx.redirectUri)}" />
    </intent-filter>
</activity>`;
}

function flutterAuth(ctx) {
  return `Future<void> signIn() async {
  await logtoClient.signIn("${ctx.redirectUri}");
}

Future<void> signOut() async {
  await logtoClient.signOut("${ctx.postSignOutRedirectUri}");
}

Future<bool> isSignedIn() => logtoClient.isAuthenticated;`;
}

export function flutter(ctx, lang) {
  const t = translator(lang);
  return {
    title: t(
      'Add authentication to your Flutter application',
      'Flutter アプリケーションに認証を追加する',
    ),
    steps: [
      step(t('Install', 'インストール'), [
        code('bash', 'flutter pub add logto_dart_sdk http'),
        text(
          t(
            'The SDK opens the browser with flutter_web_auth_2 and stores the tokens with flutter_secure_storage ' +
              '(on Android, set `minSdkVersion` to 18 or higher).',
            'SDK は flutter_web_auth_2 でブラウザーを開き、flutter_secure_storage でトークンを保存します ' +
              '(Android では `minSdkVersion` を 18 以上に設定してください)。',
          ),
        ),
      ]),
      step(t('Init LogtoClient', 'LogtoClient を初期化する'), [
        code('dart', flutterInit(ctx), 'lib/logto.dart'),
        publicClientNote(t),
      ]),
      redirectStep(t, [
        customSchemeNote(t),
        text(
          t(
            'On Android, let flutter_web_auth_2 catch the redirect: add this activity inside `<application>` in `android/app/src/main/AndroidManifest.xml` ' +
              '(iOS needs no setup).',
            'Android では flutter_web_auth_2 がリダイレクトを受け取れるよう、`android/app/src/main/AndroidManifest.xml` の `<application>` 内に' +
              '次のアクティビティを追加します (iOS では設定は不要です)。',
          ),
        ),
        code('xml', flutterManifest(ctx), 'AndroidManifest.xml'),
      ]),
      step(t('Implement sign-in and sign-out', 'サインインとサインアウトを実装する'), [
        text(
          t(
            'Call these from your buttons and rebuild the UI from `isAuthenticated`:',
            'ボタンからこれらを呼び出し、`isAuthenticated` に応じて UI を再構築します:',
          ),
        ),
        code('dart', flutterAuth(ctx), 'lib/logto.dart'),
      ]),
      nativeCheckpointStep(t),
    ],
  };
}
