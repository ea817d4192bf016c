// The framework catalog of the "create application" dialog: one card per framework, grouped by
// Logto's application types (Traditional first, then SPA, Native, MachineToMachine).

export const appTypes = ['Native', 'SPA', 'Traditional', 'MachineToMachine'];

function card(id, name, type, badge, description, sdk) {
  return { id, name, type, badge, description, sdk };
}

function badge(text, color) {
  return { text, color };
}

function describe(en, ja) {
  return { en, ja };
}

const traditional = [
  card(
    'flask',
    'Flask',
    'Traditional',
    badge('Fl', '#0f766e'),
    describe('Python web framework', 'Python の Web フレームワーク'),
    'logto (Python)',
  ),
  card(
    'django',
    'Django',
    'Traditional',
    badge('Dj', '#0c4b33'),
    describe(
      'Python web framework with batteries included',
      '多機能な Python の Web フレームワーク',
    ),
    'logto (Python)',
  ),
  card(
    'express',
    'Express',
    'Traditional',
    badge('Ex', '#333333'),
    describe('Minimal Node.js web framework', 'シンプルな Node.js の Web フレームワーク'),
    '@logto/express',
  ),
  card(
    'nextjs',
    'Next.js',
    'Traditional',
    badge('N', '#111111'),
    describe(
      'React framework with server rendering (App Router)',
      'サーバーレンダリング対応の React フレームワーク (App Router)',
    ),
    '@logto/next',
  ),
  card(
    'go',
    'Go',
    'Traditional',
    badge('Go', '#00677f'),
    describe('Go web server (Gin example)', 'Go の Web サーバー (Gin の例)'),
    'logto-io/go',
  ),
  card(
    'php',
    'PHP',
    'Traditional',
    badge('PHP', '#4f5b93'),
    describe(
      'PHP web app (plain PHP, Laravel, Symfony)',
      'PHP の Web アプリ (素の PHP、Laravel、Symfony)',
    ),
    'logto/sdk',
  ),
  card(
    'cpp',
    'C++ (Latch SDK)',
    'Traditional',
    badge('C++', '#00599c'),
    describe("C++20 web app with Latch's own SDK", 'Latch 独自の SDK を使う C++20 の Web アプリ'),
    'latch_sdk (C++)',
  ),
  card(
    'oidc-traditional',
    'Traditional web (OIDC)',
    'Traditional',
    badge('ID', '#9a3412'),
    describe(
      'Any server-side app with a standard OpenID Connect library',
      '標準の OpenID Connect ライブラリを使うサーバーサイドアプリ',
    ),
    'Any OIDC client library',
  ),
];

const spa = [
  card(
    'react',
    'React',
    'SPA',
    badge('Re', '#0e6a8a'),
    describe('Single-page app built with React', 'React で作るシングルページアプリ'),
    '@logto/react',
  ),
  card(
    'vue',
    'Vue',
    'SPA',
    badge('V', '#1f7a4d'),
    describe('Single-page app built with Vue 3', 'Vue 3 で作るシングルページアプリ'),
    '@logto/vue',
  ),
  card(
    'angular',
    'Angular',
    'SPA',
    badge('A', '#c3002f'),
    describe('Single-page app built with Angular', 'Angular で作るシングルページアプリ'),
    'angular-auth-oidc-client',
  ),
  card(
    'vanilla-js',
    'Vanilla JS',
    'SPA',
    badge('JS', '#854d0e'),
    describe(
      'Browser app in plain JavaScript, no framework',
      'フレームワークを使わない素の JavaScript のブラウザーアプリ',
    ),
    '@logto/browser',
  ),
];

const native = [
  card(
    'ios',
    'iOS (Swift)',
    'Native',
    badge('iOS', '#c2410c'),
    describe('iPhone and iPad apps in Swift', 'Swift で作る iPhone / iPad アプリ'),
    'logto-io/swift',
  ),
  card(
    'android',
    'Android (Kotlin)',
    'Native',
    badge('An', '#15803d'),
    describe('Android apps in Kotlin or Java', 'Kotlin または Java で作る Android アプリ'),
    'io.logto.sdk:android',
  ),
  card(
    'flutter',
    'Flutter',
    'Native',
    badge('Ft', '#02569b'),
    describe('Cross-platform apps in Dart', 'Dart で作るクロスプラットフォームアプリ'),
    'logto_dart_sdk',
  ),
  {
    ...card(
      'device-flow',
      'Device flow',
      'Native',
      badge('DF', '#7c3aed'),
      describe(
        'TVs, CLIs and devices without a browser (RFC 8628)',
        'テレビ、CLI、ブラウザーのないデバイス (RFC 8628)',
      ),
      'OAuth 2.0 device authorization grant',
    ),
    // Its apps are made with customClientMetadata.isDeviceFlow (Logto's device-flow guide).
    deviceFlow: true,
  },
];

const machineToMachine = [
  card(
    'm2m',
    'Machine-to-machine',
    'MachineToMachine',
    badge('M2M', '#4338ca'),
    describe(
      'Services, jobs and scripts calling APIs as themselves',
      'API を自身として呼び出すサービス、ジョブ、スクリプト',
    ),
    'OAuth 2.0 client credentials',
  ),
];

export const frameworks = [...traditional, ...spa, ...native, ...machineToMachine];
