// What a new custom JWT script starts from, per token type: Logto's template and samples of the
// token and context the script receives (docs/custom-claims.md lists every member).
export const TOKEN_TYPES = ['access-token', 'client-credentials'];

export const SCRIPT_TEMPLATE = `const getCustomJwtClaims = async ({ token, context, environmentVariables, api }) => {
  return {};
};
`;

const userTokenSample = {
  jti: 'sample-jti',
  aud: 'https://api.example.com',
  scope: 'read:books',
  clientId: 'sample-app-id',
  accountId: 'sample-user-id',
  grantId: 'sample-grant-id',
  gty: 'authorization_code',
  kind: 'AccessToken',
};

const userContextSample = {
  user: {
    id: 'sample-user-id',
    username: 'frank',
    primaryEmail: 'frank@example.com',
    name: 'Frank',
    customData: { plan: 'gold' },
    roles: [{ id: 'role-id', name: 'reader', description: 'Reads books', scopes: [] }],
    organizations: [],
    organizationRoles: [],
    mfaVerificationFactors: [],
  },
  application: { id: 'sample-app-id', name: 'My app', type: 'Traditional', customData: {} },
};

const clientTokenSample = {
  jti: 'sample-jti',
  aud: 'https://api.example.com',
  scope: 'read:books',
  clientId: 'sample-app-id',
  kind: 'ClientCredentials',
};

const clientContextSample = {
  application: {
    id: 'sample-app-id',
    name: 'My service',
    type: 'MachineToMachine',
    customData: {},
  },
};

// { token, context } samples for `type`.
export function samplesFor(type) {
  return type === 'access-token'
    ? { token: userTokenSample, context: userContextSample }
    : { token: clientTokenSample, context: clientContextSample };
}
