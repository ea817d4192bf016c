// Setup guides for the connectors, shown beside the configuration form when a connector is added
// and on its details page: what to register at the provider, and with which callback URL. The
// text is ours (English and Japanese); a factory without a guide here falls back to its README.
import { h, richText } from '../lib/dom.js';
import { lang } from '../lib/i18n.js';

// Each guide: { en: steps, ja: steps }, a step = { title, items: [text], note? }. `{callback}`
// is the callback URL (or its pattern before the connector has an id), `{endpoint}` the endpoint.
const guides = {
  'github-universal': {
    en: [
      {
        title: 'Create an OAuth app at GitHub',
        items: [
          'Sign in to GitHub and open Settings → Developer settings → OAuth Apps (`github.com/settings/developers`), then click “New OAuth App”.',
          'Application name: a name your users recognize, e.g. your product’s name.',
          'Homepage URL: your app’s home page, or this Latch’s endpoint `{endpoint}`.',
          'Authorization callback URL: `{callback}`. Latch assigns the connector ID when you save, so the exact URL is shown on the connector’s page after “Save and done”; come back to GitHub and paste it there.',
          'Do not tick “Enable Device Flow”: people who sign in on a phone would have to confirm in the GitHub mobile app, which many of them do not have.',
        ],
      },
      {
        title: 'Copy the credentials',
        items: [
          'Click “Register application”, copy the Client ID, then “Generate a new client secret” and copy the Client secret (GitHub shows it only once).',
          'Paste both into the form. `scope` is a space-separated list of GitHub scopes and defaults to `read:user`; add `user:email` to read the primary verified address of people who keep their email private.',
        ],
        note: 'If GitHub says “The redirect_uri MUST match the registered callback URL for this application.”, the Authorization callback URL of the OAuth app differs from `{callback}`: they must match exactly, protocol and port included.',
      },
    ],
    ja: [
      {
        title: 'GitHub で OAuth アプリを作成する',
        items: [
          'GitHub にサインインし、Settings → Developer settings → OAuth Apps（`github.com/settings/developers`）を開いて「New OAuth App」をクリックします。',
          'Application name：ユーザーにわかる名前（例：製品名）を入力します。',
          'Homepage URL：アプリのホームページ、またはこの Latch のエンドポイント `{endpoint}` を入力します。',
          'Authorization callback URL：`{callback}`。connector_id は保存時に Latch が割り当てるため、正確な URL は「保存して完了」の後にコネクター詳細ページの上部バーに表示されます。GitHub に戻って貼り付けてください。',
          '「Enable Device Flow」にはチェックを入れないでください。チェックすると、モバイルデバイスでサインインするユーザーは GitHub モバイルアプリで確認する必要があり、多くのユーザーはアプリを入れていません。',
        ],
      },
      {
        title: '認証情報をコピーする',
        items: [
          '「Register application」をクリックし、Client ID をコピーします。「Generate a new client secret」で Client secret を生成してコピーします（一度しか表示されません）。',
          '両方をフォームに入力します。`scope` はスペース区切りの GitHub スコープのリストで、既定値は `read:user` です。メールアドレスを非公開にしているユーザーの確認済みプライマリアドレスを読むには `user:email` を追加します。',
        ],
        note: 'GitHub で「The redirect_uri MUST match the registered callback URL for this application.」と表示された場合、OAuth アプリの Authorization callback URL が `{callback}` と一致していません。プロトコルとポートを含め完全に一致させてください。',
      },
    ],
  },
  'google-universal': {
    en: [
      {
        title: 'Create an OAuth client at Google',
        items: [
          'In the Google Cloud console, open APIs & Services → Credentials → Create credentials → OAuth client ID, of type “Web application”.',
          'Under “Authorized redirect URIs”, add `{callback}` (shown exactly on the connector’s page once saved).',
          'Copy the client ID and client secret into the form. The default scope `openid profile email` is usually right.',
        ],
      },
    ],
    ja: [
      {
        title: 'Google で OAuth クライアントを作成する',
        items: [
          'Google Cloud コンソールで「API とサービス」→「認証情報」→「認証情報を作成」→「OAuth クライアント ID」を選び、種類は「ウェブ アプリケーション」にします。',
          '「承認済みのリダイレクト URI」に `{callback}` を追加します（保存後、コネクター詳細ページに正確な URL が表示されます）。',
          'クライアント ID とクライアント シークレットをフォームに入力します。スコープは既定の `openid profile email` で通常は十分です。',
        ],
      },
    ],
  },
  'microsoft-entra-id': {
    en: [
      {
        title: 'Register an app in Microsoft Entra ID',
        items: [
          'In the Microsoft Entra admin center, open App registrations → New registration and choose who may sign in.',
          'Add a redirect URI of platform “Web”: `{callback}` (shown exactly on the connector’s page once saved).',
          'Under Certificates & secrets, create a client secret. Copy the Application (client) ID and the secret’s value into the form.',
          'Tenant ID: `common` lets any Microsoft account sign in, `organizations` only work accounts, or enter your Directory (tenant) ID.',
        ],
      },
    ],
    ja: [
      {
        title: 'Microsoft Entra ID にアプリを登録する',
        items: [
          'Microsoft Entra 管理センターで「アプリの登録」→「新規登録」を開き、サインインできるアカウントの種類を選びます。',
          'プラットフォーム「Web」のリダイレクト URI として `{callback}` を追加します（保存後、コネクター詳細ページに正確な URL が表示されます）。',
          '「証明書とシークレット」でクライアント シークレットを作成し、アプリケーション (クライアント) ID とシークレットの値をフォームに入力します。',
          'テナント ID：`common` はすべての Microsoft アカウント、`organizations` は職場アカウントのみ。ディレクトリ (テナント) ID も指定できます。',
        ],
      },
    ],
  },
  oidc: {
    en: [
      {
        title: 'Connect any OpenID Connect provider',
        items: [
          'Register a web application at the provider with the redirect URI `{callback}` (shown exactly on the connector’s page once saved).',
          'Enter the provider’s issuer URL (Latch reads `/.well-known/openid-configuration` under it), the client ID and the client secret.',
          'Target: a short name such as `okta`. It names the identity in users’ profiles — keep it once people have signed in. Button name is what “Continue with …” shows.',
        ],
        note: 'Latch uses the authorization code flow with PKCE and a nonce, and checks the ID token’s signature, issuer, audience and expiry.',
      },
    ],
    ja: [
      {
        title: '任意の OpenID Connect プロバイダーに接続する',
        items: [
          'プロバイダーで Web アプリケーションを登録し、リダイレクト URI に `{callback}` を指定します（保存後、コネクター詳細ページに正確な URL が表示されます）。',
          'プロバイダーの Issuer URL（その下の `/.well-known/openid-configuration` を読み込みます）、クライアント ID、クライアントシークレットを入力します。',
          'Target：`okta` のような短い名前です。ユーザーのプロフィールでアイデンティティの名前になるため、ユーザーがサインインした後は変更しないでください。ボタン名は「… で続行」に表示されます。',
        ],
        note: 'Latch は PKCE と nonce 付きの認可コードフローを使い、ID トークンの署名・発行者・受信者・有効期限を検証します。',
      },
    ],
  },
  oauth2: {
    en: [
      {
        title: 'Connect a plain OAuth 2.0 provider',
        items: [
          'Register a web application at the provider with the redirect URI `{callback}` (shown exactly on the connector’s page once saved).',
          'Enter its authorization, token and userinfo endpoints, and the client ID and secret.',
          'Profile map: dotted paths into the userinfo answer, e.g. `{"id": "data.id", "name": "data.display_name", "email": "data.email"}`. An email counts as verified only when `emailVerified` points at `true`, or with “Trust email” on.',
          'Target: a short name such as `discord`; it names the identity in users’ profiles.',
        ],
      },
    ],
    ja: [
      {
        title: 'OAuth 2.0 プロバイダーに接続する',
        items: [
          'プロバイダーで Web アプリケーションを登録し、リダイレクト URI に `{callback}` を指定します（保存後、コネクター詳細ページに正確な URL が表示されます）。',
          '認可エンドポイント、トークンエンドポイント、ユーザー情報エンドポイント、クライアント ID とシークレットを入力します。',
          'Profile map：ユーザー情報レスポンス内のドット区切りのパスです。例：`{"id": "data.id", "name": "data.display_name", "email": "data.email"}`。メールアドレスは `emailVerified` が `true` を指す場合、または「Trust email」がオンの場合のみ確認済みとして扱われます。',
          'Target：`discord` のような短い名前で、ユーザーのプロフィールでアイデンティティの名前になります。',
        ],
      },
    ],
  },
  'simple-mail-transfer-protocol': {
    en: [
      {
        title: 'Find your provider’s SMTP settings',
        items: [
          'Latch sends verification codes through the SMTP server of your mail provider (SendGrid, Amazon SES, Mailgun, Google Workspace, your own server…). Its documentation lists these settings.',
          'Host: the server name, e.g. `smtp.sendgrid.net` or `smtp.gmail.com`.',
          'Port and security: `587` with STARTTLS is the usual choice; `465` uses implicit TLS. Choose “none” only for a relay on the same machine or a test server.',
          'Username and password: the SMTP credentials. Most providers want an API key or an app password here rather than your sign-in password (Gmail: an app password, with 2-Step Verification on; SendGrid: the username `apikey` and an API key).',
        ],
      },
      {
        title: 'Choose the sender',
        items: [
          'From: the address the codes come from, optionally with a name: `Bookstore <no-reply@example.com>`. Your provider must allow it (a verified sender, or a domain you have authenticated with SPF and DKIM); otherwise it refuses the message or it lands in spam.',
          'Templates (optional): your own subject and body per language and purpose; `{code}` and `{app}` are replaced.',
        ],
        note: 'After saving, send a test message to your own address to check that delivery works.',
      },
    ],
    ja: [
      {
        title: 'メールプロバイダーの SMTP 設定を確認する',
        items: [
          'Latch は、メールプロバイダー（SendGrid、Amazon SES、Mailgun、Google Workspace、自社のサーバーなど）の SMTP サーバーを通じて認証コードを送信します。設定値はプロバイダーのドキュメントに記載されています。',
          'ホスト：サーバー名です。例：`smtp.sendgrid.net`、`smtp.gmail.com`。',
          'ポートとセキュリティ：通常は `587` と STARTTLS を使います。`465` は暗黙的 TLS です。「なし」は同じマシン上のリレーやテスト用サーバーの場合にのみ選択してください。',
          'ユーザー名とパスワード：SMTP の認証情報です。多くのプロバイダーでは、サインイン用のパスワードではなく API キーやアプリパスワードを使います（Gmail：2 段階認証プロセスを有効にしてアプリパスワードを発行、SendGrid：ユーザー名 `apikey` と API キー）。',
        ],
      },
      {
        title: '送信元を決める',
        items: [
          '送信元：コードを送るアドレスで、名前を付けることもできます（例：`Bookstore <no-reply@example.com>`）。プロバイダーで許可されたアドレス（確認済みの送信者、または SPF と DKIM で認証したドメイン）である必要があります。許可されていないと、送信が拒否されるか迷惑メールとして扱われます。',
          'テンプレート（任意）：言語と用途ごとの件名と本文です。`{code}` と `{app}` は置き換えられます。',
        ],
        note: '保存したら、自分のアドレスにテストメッセージを送信して、配信できることを確認してください。',
      },
    ],
  },
  'http-sms': {
    en: [
      {
        title: 'Connect an SMS gateway over HTTP',
        items: [
          'For each code Latch POSTs the JSON `{"to": "+819012345678", "from": "…", "text": "…"}` to the endpoint; any 2xx answer counts as sent.',
          'Endpoint: the URL of your SMS gateway, or of a small relay in front of a provider such as Twilio or Amazon SNS.',
          'Authorization header: sent as is as the `Authorization` header, e.g. `Bearer <token>`; it is stored encrypted.',
          'Sender id: the `from` value, e.g. a sender name or number registered with the provider.',
        ],
        note: 'After saving, send a test message to your own phone to check that delivery works.',
      },
    ],
    ja: [
      {
        title: 'HTTP で SMS ゲートウェイに接続する',
        items: [
          'Latch はコードごとに JSON `{"to": "+819012345678", "from": "…", "text": "…"}` をエンドポイントに POST します。2xx の応答が返れば送信済みとみなします。',
          'エンドポイント：SMS ゲートウェイの URL、または Twilio や Amazon SNS などのプロバイダーの前に置いた中継サーバーの URL です。',
          'Authorization ヘッダー：`Authorization` ヘッダーとしてそのまま送信されます（例：`Bearer <token>`）。暗号化して保存されます。',
          '送信者 ID：`from` の値です。プロバイダーに登録した送信者名や番号を指定します。',
        ],
        note: '保存したら、自分の電話にテストメッセージを送信して、配信できることを確認してください。',
      },
    ],
  },
};

export function hasGuide(factoryId) {
  return Boolean(guides[factoryId]);
}

function fill(text, vars) {
  return text.replace(/\{(endpoint|callback)\}/g, (whole, name) => vars[name] ?? whole);
}

// The guide of `factoryId` as DOM; `readme` (the factory's own markdown) when there is none here.
// vars: { endpoint, callback }.
export function connectorGuide(factoryId, vars, readme) {
  const steps = guides[factoryId]?.[lang()] ?? guides[factoryId]?.en;
  if (!steps) {
    if (!readme) return null;
    return h(
      'div',
      { class: 'connector-guide' },
      String(readme)
        .split(/\n\s*\n/)
        .map((block) =>
          block
            .replace(/^#+\s*/, '')
            .replace(/\*\*/g, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim(),
        )
        .filter(Boolean)
        .map((block) =>
          h(
            'p',
            {},
            richText(
              fill(
                block.replace('${endpoint}/callback/${connector_id}', vars.callback ?? ''),
                vars,
              ),
            ),
          ),
        ),
    );
  }
  return h(
    'ol',
    { class: 'connector-guide guide-steps plain' },
    steps.map((step) =>
      h(
        'li',
        { class: 'guide-step' },
        h('h3', {}, step.title),
        h(
          'ul',
          {},
          step.items.map((item) => h('li', {}, richText(fill(item, vars)))),
        ),
        step.note ? h('p', { class: 'note' }, richText(fill(step.note, vars))) : null,
      ),
    ),
  );
}
