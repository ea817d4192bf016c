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

// The organization template and organizations through the management API, as an operator sets
// them up (Logto's /api/organization-scopes, /api/organization-roles, /api/organizations shapes).
// `api` is managementApi(server)'s request function; each helper fails unless the answer has
// Logto's status.
async function created(api, path, body, status = 201) {
  const res = await api('POST', path, body);
  if (res.status !== status) {
    throw new Error(`POST /api${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

// POST /api/organization-scopes -> the scope {id, name, description}.
export function createOrganizationScope(api, name) {
  return created(api, '/organization-scopes', { name, description: `${name} (test)` });
}

// POST /api/organization-roles holding the organization scopes `scopeIds` -> the role.
export function createOrganizationRole(api, { name, type = 'User', scopeIds = [] }) {
  return created(api, '/organization-roles', {
    name,
    description: `${name} (test)`,
    type,
    organizationScopeIds: scopeIds,
  });
}

// POST /api/organizations -> the organization.
export function createOrganization(api, name) {
  return created(api, '/organizations', { name });
}

// POST /api/organizations/:id/users, then the organization roles `roleIds` for them
// (POST /api/organizations/:id/users/roles).
export async function addOrganizationMembers(api, organizationId, userIds, roleIds = []) {
  const path = `/organizations/${organizationId}/users`;
  await created(api, path, { userIds });
  if (roleIds.length)
    await created(api, `${path}/roles`, { userIds, organizationRoleIds: roleIds });
}
