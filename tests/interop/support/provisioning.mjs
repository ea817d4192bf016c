// Provisioning through the CLI and token requests, shared by the interop tests.

// `latch app create --type TYPE --json` -> {id, secret, ...}.
export function createApp(server, type, extra = []) {
  return server.cliJson([
    'app',
    'create',
    '--name',
    `${type} app`,
    '--type',
    type,
    ...extra,
    '--json',
  ]);
}

// `latch resource create --json` -> the resource.
export function createResource(server, { name = 'API', indicator, scopes = [], restricted, ttl }) {
  const args = ['resource', 'create', '--name', name, '--indicator', indicator];
  for (const scope of scopes) args.push('--scope', scope);
  if (restricted) args.push('--restricted');
  if (ttl) args.push('--ttl', String(ttl));
  return server.cliJson([...args, '--json']);
}

// `latch role create --type TYPE --scope INDICATOR:SCOPE... --json`, then `latch role assign`
// to each of `users` (ids or usernames) and `apps`: how a user or an app gets scopes (docs/rbac.md).
// Resolves with the role.
export async function grantRole(
  server,
  { name, type = 'user', indicator, scopes, users = [], apps = [] },
) {
  const args = ['role', 'create', '--name', name, '--type', type];
  for (const scope of scopes) args.push('--scope', `${indicator}:${scope}`);
  const role = await server.cliJson([...args, '--json']);
  const holders = [...users.map((id) => ['--user', id]), ...apps.map((id) => ['--app', id])];
  for (const holder of holders) {
    const run = await server.cli(['role', 'assign', role.id, ...holder]);
    if (run.code !== 0) throw new Error(`latch role assign ${holder.join(' ')}: ${run.stderr}`);
  }
  return role;
}

// POST /oidc/token with client_secret_basic; resolves with the fetch Response.
export function clientCredentials(server, app, params) {
  const basic = Buffer.from(`${encodeURIComponent(app.id)}:${encodeURIComponent(app.secret)}`);
  return fetch(`${server.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic.toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
}
