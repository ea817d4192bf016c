// What every role page says about a role: its type's label, where its page is, whether Latch
// built it in, and which API resources a User role may not take permissions of.
import { t } from '../../lib/i18n.js';
import { isBuiltIn as isBuiltInResource } from '../api_resources/built_in.js';

export const USER = 'User';
export const M2M = 'MachineToMachine';

// The roles migration v9 creates: the console's operators and the management API's scripts.
const BUILT_IN = new Set(['latch-operator', 'latch-management-api-access']);

export const isBuiltInRole = (role) => BUILT_IN.has(role.id);

export const roleHref = (role, tab = 'permissions') =>
  `/console/roles/${encodeURIComponent(role.id)}/${tab}`;

export const roleTypeLabel = (type) => t(type === M2M ? 'roles.type_m2m' : 'roles.type_user');

// Logto refuses the management API's permissions on User roles; the pickers leave it out.
export const resourceAllowed = (resource, type) => type === M2M || !isBuiltInResource(resource);
