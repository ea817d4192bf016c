#include "storage/migrations/v9_roles.hpp"

namespace latch::storage::migrations {

// Role-based access control (Logto's roles, roles_scopes, users_roles, applications_roles).
//
// A user holds only User roles and an app only MachineToMachine roles: each assignment row
// carries the role's type, fixed by a CHECK, in a foreign key to (roles.id, roles.type), so the
// database itself refuses a mismatch on both backends.
//
// What this replaces, converted so that nobody can do more or less than before:
//  - operators (the admins table) hold the built-in operator role, which carries the management
//    API's scope `all` (both indicators);
//  - apps granted `all` on a management API hold the built-in management role;
//  - apps granted scopes of another API (`latch app grant`) hold a role made for them,
//    "Granted to <app name> (<app id>)", with those scopes;
//  - an API open to every app and user (resources.access = 'AllApps') gets a MachineToMachine
//    role "All machine apps: <indicator>" held by every machine-to-machine app, and a default
//    User role "All users: <indicator>" held by every user, both with every scope of the API.
// Then the admins and application_grants tables and resources.access go.
//
// Scope names are matched inside the JSON lists of application_grants.scope_names with LIKE,
// its wildcards escaped (scope names hold neither '"' nor '\', RFC 6749 §3.3).
extern const std::string_view kV9Roles = R"sql(
CREATE TABLE roles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL CHECK (type IN ('User', 'MachineToMachine')),
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at BIGINT NOT NULL,
  UNIQUE (id, type)
);
CREATE INDEX roles_created_at ON roles (created_at, id);
CREATE INDEX roles_default ON roles (type) WHERE is_default = 1;

CREATE TABLE roles_scopes (
  role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  scope_id TEXT NOT NULL REFERENCES scopes (id) ON DELETE CASCADE,
  PRIMARY KEY (role_id, scope_id)
);
CREATE INDEX roles_scopes_scope_id ON roles_scopes (scope_id);

CREATE TABLE users_roles (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id TEXT NOT NULL,
  role_type TEXT NOT NULL DEFAULT 'User' CHECK (role_type = 'User'),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, role_id),
  FOREIGN KEY (role_id, role_type) REFERENCES roles (id, type) ON DELETE CASCADE
);
CREATE INDEX users_roles_role_id ON users_roles (role_id, created_at, user_id);

CREATE TABLE applications_roles (
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  role_id TEXT NOT NULL,
  role_type TEXT NOT NULL DEFAULT 'MachineToMachine' CHECK (role_type = 'MachineToMachine'),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (application_id, role_id),
  FOREIGN KEY (role_id, role_type) REFERENCES roles (id, type) ON DELETE CASCADE
);
CREATE INDEX applications_roles_role_id ON applications_roles (role_id, created_at,
                                                               application_id);

INSERT INTO roles (id, name, description, type, is_default, created_at)
VALUES ('latch-operator', 'Latch operator',
        'Signs in to the console and manages this Latch (management API scope all)', 'User', 0, 0),
       ('latch-management-api-access', 'Latch Management API access',
        'Calls the management API (scope all)', 'MachineToMachine', 0, 0);
INSERT INTO roles_scopes (role_id, scope_id)
VALUES ('latch-operator', 'management-api-all'),
       ('latch-operator', 'logto-management-api-all'),
       ('latch-management-api-access', 'management-api-all'),
       ('latch-management-api-access', 'logto-management-api-all');

INSERT INTO users_roles (user_id, role_id, created_at)
SELECT user_id, 'latch-operator', created_at FROM admins;

INSERT INTO applications_roles (application_id, role_id, created_at)
SELECT DISTINCT g.application_id, 'latch-management-api-access', 0
FROM application_grants g
WHERE g.resource_id IN ('management-api', 'logto-management-api')
  AND g.scope_names LIKE '%"all"%';

INSERT INTO roles (id, name, description, type, is_default, created_at)
SELECT 'granted-' || a.id, 'Granted to ' || a.name || ' (' || a.id || ')',
       'Scopes granted with latch app grant before roles existed', 'MachineToMachine', 0,
       a.created_at
FROM applications a
WHERE EXISTS (SELECT 1 FROM application_grants g
              WHERE g.application_id = a.id
                AND g.resource_id NOT IN ('management-api', 'logto-management-api'));
INSERT INTO roles_scopes (role_id, scope_id)
SELECT DISTINCT 'granted-' || g.application_id, s.id
FROM application_grants g JOIN scopes s ON s.resource_id = g.resource_id
WHERE g.resource_id NOT IN ('management-api', 'logto-management-api')
  AND g.scope_names LIKE '%"' || replace(replace(replace(s.name, '\', '\\'), '%', '\%'), '_', '\_')
                         || '"%' ESCAPE '\';
INSERT INTO applications_roles (application_id, role_id, created_at)
SELECT substr(id, 9), id, created_at FROM roles WHERE id LIKE 'granted-%';

INSERT INTO roles (id, name, description, type, is_default, created_at)
SELECT 'all-apps-' || r.id, 'All machine apps: ' || r.indicator,
       'Every scope of the API, as every app had before roles existed', 'MachineToMachine', 0,
       r.created_at
FROM resources r
WHERE r.access = 'AllApps' AND EXISTS (SELECT 1 FROM scopes s WHERE s.resource_id = r.id);
INSERT INTO roles (id, name, description, type, is_default, created_at)
SELECT 'all-users-' || r.id, 'All users: ' || r.indicator,
       'Every scope of the API, as every user had before roles existed', 'User', 1, r.created_at
FROM resources r
WHERE r.access = 'AllApps' AND EXISTS (SELECT 1 FROM scopes s WHERE s.resource_id = r.id);
INSERT INTO roles_scopes (role_id, scope_id)
SELECT 'all-apps-' || s.resource_id, s.id FROM scopes s
WHERE s.resource_id IN (SELECT id FROM resources WHERE access = 'AllApps');
INSERT INTO roles_scopes (role_id, scope_id)
SELECT 'all-users-' || s.resource_id, s.id FROM scopes s
WHERE s.resource_id IN (SELECT id FROM resources WHERE access = 'AllApps');
INSERT INTO applications_roles (application_id, role_id, created_at)
SELECT a.id, ro.id, 0 FROM applications a CROSS JOIN roles ro
WHERE a.type = 'MachineToMachine' AND ro.id LIKE 'all-apps-%';
INSERT INTO users_roles (user_id, role_id, created_at)
SELECT u.id, ro.id, 0 FROM users u CROSS JOIN roles ro WHERE ro.id LIKE 'all-users-%';

DROP TABLE admins;
DROP TABLE application_grants;
ALTER TABLE resources DROP COLUMN access;

UPDATE resources SET is_default = 0
WHERE is_default = 1
  AND id <> (SELECT id FROM resources WHERE is_default = 1 ORDER BY created_at, id LIMIT 1);
CREATE UNIQUE INDEX resources_one_default ON resources (is_default) WHERE is_default = 1;
)sql";

}  // namespace latch::storage::migrations
