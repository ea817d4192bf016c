// The API resources Latch provides itself (the management API): listed first, shown read-only.
const BUILT_IN = new Set(['management-api', 'logto-management-api']);

export const isBuiltIn = (resource) => BUILT_IN.has(resource.id);
