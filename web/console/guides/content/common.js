// Shared building blocks for the integration guides: block constructors, the language picker,
// URL helpers and the steps several guides repeat (redirect URIs, checkpoint).

// Returns t(en, ja): the string for the chosen language.
export function translator(lang) {
  return (en, ja) => (lang === 'ja' ? ja : en);
}

export function text(value) {
  return { kind: 'text', text: value };
}

export function note(value) {
  return { kind: 'note', text: value };
}

export function code(language, value, file) {
  const block = { kind: 'code', language, code: value };
  if (file) {
    block.file = file;
  }
  return block;
}

export function redirectUris() {
  return { kind: 'redirect-uris' };
}

export function step(title, blocks) {
  return { title, blocks };
}

// The endpoint without trailing slashes, for building URLs such as `${base}/oidc/token`.
export function baseOf(endpoint) {
  return endpoint.replace(/\/+$/, '');
}

function parse(uri) {
  try {
    return new URL(uri);
  } catch {
    return null;
  }
}

// The origin of an http(s) URI (the app's base URL), or a localhost fallback.
export function originOf(uri, fallback = 'http://localhost:3000') {
  const url = parse(uri);
  if (!url || url.origin === 'null') {
    return fallback;
  }
  return url.origin;
}

// The port an http(s) URI's server listens on, or a fallback.
export function portOf(uri, fallback = '3000') {
  const url = parse(uri);
  if (!url || url.origin === 'null') {
    return fallback;
  }
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

// The path of an http(s) URI (the route the app must serve), or a fallback.
export function pathOf(uri, fallback = '/callback') {
  const url = parse(uri);
  if (!url || url.origin === 'null' || url.pathname === '/') {
    return fallback;
  }
  return url.pathname;
}

// The scheme of a native redirect URI such as io.logto://callback.
export function schemeOf(uri, fallback = 'io.logto') {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri);
  return match ? match[1] : fallback;
}

// The "Configure redirect URIs" step: the renderer puts the editable fields in place of the block.
export function redirectStep(t, extra = []) {
  return step(t('Configure redirect URIs', 'リダイレクト URI を設定する'), [
    text(
      t(
        'After the user signs in, Latch redirects back to your app at the Redirect URI; after sign-out, it ' +
          'redirects to the Post sign-out redirect URI. Both must be registered on this application.',
        'ユーザーがサインインすると、Latch はリダイレクト URI にユーザーを戻します。サインアウト後は' +
          'サインアウト後のリダイレクト URI に戻します。どちらもこのアプリケーションに登録しておく必要があります。',
      ),
    ),
    redirectUris(),
    ...extra,
  ]);
}

// The closing "Checkpoint" step of the browser-based guides.
export function checkpointStep(t) {
  return step(
    t('Checkpoint: test your application', 'チェックポイント: アプリケーションをテストする'),
    [
      text(
        t(
          '1. Run your application; you will see the sign-in button.',
          '1. アプリケーションを実行すると、サインインボタンが表示されます。',
        ),
      ),
      text(
        t(
          '2. Click the sign-in button; the SDK starts the sign-in flow and redirects you to the Latch sign-in page.',
          '2. サインインボタンをクリックすると、SDK がサインインフローを開始し、Latch のサインインページにリダイレクトされます。',
        ),
      ),
      text(
        t(
          '3. After you sign in, you are redirected back to your application and see the sign-out button.',
          '3. サインインすると、アプリケーションにリダイレクトされ、サインアウトボタンが表示されます。',
        ),
      ),
      text(
        t(
          '4. Click the sign-out button to clear the token storage and sign out.',
          '4. サインアウトボタンをクリックすると、トークンストレージがクリアされ、サインアウトします。',
        ),
      ),
    ],
  );
}

// The closing "Checkpoint" step of the native-app guides.
export function nativeCheckpointStep(t) {
  return step(
    t('Checkpoint: test your application', 'チェックポイント: アプリケーションをテストする'),
    [
      text(
        t(
          '1. Run the app on a device or simulator and tap the sign-in button.',
          '1. デバイスまたはシミュレーターでアプリを実行し、サインインボタンをタップします。',
        ),
      ),
      text(
        t(
          '2. The system browser opens the Latch sign-in page.',
          '2. システムブラウザーで Latch のサインインページが開きます。',
        ),
      ),
      text(
        t(
          '3. After you sign in, the browser closes and the app shows that you are authenticated.',
          '3. サインインするとブラウザーが閉じ、アプリに認証済みであることが表示されます。',
        ),
      ),
      text(
        t(
          '4. Tap the sign-out button; the stored tokens are cleared and the app is signed out.',
          '4. サインアウトボタンをタップすると、保存されたトークンがクリアされ、アプリからサインアウトします。',
        ),
      ),
    ],
  );
}
