#include "storage/migrations/v10_organizations.hpp"

namespace latch::storage::migrations {

// Organizations (Logto's organization_* tables, RFC 0001 and RFC 0003): the template (scopes and
// roles), organizations, their members, the roles members hold there, JIT rules, invitations.
//
// What the database itself enforces, on both backends:
//  - a member's roles in an organization hang off its membership row (foreign key to the
//    relation, ON DELETE CASCADE): leaving the organization drops them;
//  - users hold only User organization roles and apps only MachineToMachine ones, and JIT roles
//    are User roles: each such row carries the role's type, fixed by a CHECK, in a foreign key to
//    (organization_roles.id, organization_roles.type), as v9 does for roles;
//  - only machine-to-machine apps are members: the membership row carries the app's type, fixed
//    by a CHECK, in a foreign key to (applications.id, applications.type) (an app's type is set
//    once, when it is created);
//  - one Pending invitation per invitee and organization (a partial unique index).
// Deleting a user, app, organization, role or scope removes every row that names it.
//
// join_order orders members by the time they joined without a clock: one more than the
// organization's latest member's. Invitation times are epoch milliseconds.
extern const std::string_view kV10Organizations = R"sql(
CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  custom_data TEXT NOT NULL DEFAULT '{}',
  is_mfa_required INTEGER NOT NULL DEFAULT 0 CHECK (is_mfa_required IN (0, 1)),
  color TEXT NOT NULL DEFAULT '{}',
  branding TEXT NOT NULL DEFAULT '{}',
  custom_css TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX organizations_created_at ON organizations (created_at DESC, id);

CREATE TABLE organization_scopes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX organization_scopes_created_at ON organization_scopes (created_at, id);

CREATE TABLE organization_roles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  type TEXT NOT NULL CHECK (type IN ('User', 'MachineToMachine')),
  created_at BIGINT NOT NULL,
  UNIQUE (id, type)
);
CREATE INDEX organization_roles_created_at ON organization_roles (created_at, id);

CREATE TABLE organization_role_scope_relations (
  organization_role_id TEXT NOT NULL REFERENCES organization_roles (id) ON DELETE CASCADE,
  organization_scope_id TEXT NOT NULL REFERENCES organization_scopes (id) ON DELETE CASCADE,
  PRIMARY KEY (organization_role_id, organization_scope_id)
);
CREATE INDEX organization_role_scope_relations_scope_id
  ON organization_role_scope_relations (organization_scope_id);

CREATE TABLE organization_role_resource_scope_relations (
  organization_role_id TEXT NOT NULL REFERENCES organization_roles (id) ON DELETE CASCADE,
  scope_id TEXT NOT NULL REFERENCES scopes (id) ON DELETE CASCADE,
  PRIMARY KEY (organization_role_id, scope_id)
);
CREATE INDEX organization_role_resource_scope_relations_scope_id
  ON organization_role_resource_scope_relations (scope_id);

CREATE TABLE organization_user_relations (
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  join_order BIGINT NOT NULL,
  PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_user_relations_user_id ON organization_user_relations (user_id);
CREATE INDEX organization_user_relations_join_order
  ON organization_user_relations (organization_id, join_order, user_id);

CREATE TABLE organization_role_user_relations (
  organization_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  organization_role_id TEXT NOT NULL,
  role_type TEXT NOT NULL DEFAULT 'User' CHECK (role_type = 'User'),
  PRIMARY KEY (organization_id, user_id, organization_role_id),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES organization_user_relations (organization_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (organization_role_id, role_type)
    REFERENCES organization_roles (id, type) ON DELETE CASCADE
);
CREATE INDEX organization_role_user_relations_role_id
  ON organization_role_user_relations (organization_role_id);
CREATE INDEX organization_role_user_relations_member
  ON organization_role_user_relations (user_id, organization_role_id);

CREATE UNIQUE INDEX applications_id_type ON applications (id, type);

CREATE TABLE organization_application_relations (
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  application_id TEXT NOT NULL,
  application_type TEXT NOT NULL DEFAULT 'MachineToMachine'
    CHECK (application_type = 'MachineToMachine'),
  join_order BIGINT NOT NULL,
  PRIMARY KEY (organization_id, application_id),
  FOREIGN KEY (application_id, application_type)
    REFERENCES applications (id, type) ON DELETE CASCADE
);
CREATE INDEX organization_application_relations_application_id
  ON organization_application_relations (application_id, application_type);
CREATE INDEX organization_application_relations_join_order
  ON organization_application_relations (organization_id, join_order, application_id);

CREATE TABLE organization_role_application_relations (
  organization_id TEXT NOT NULL,
  application_id TEXT NOT NULL,
  organization_role_id TEXT NOT NULL,
  role_type TEXT NOT NULL DEFAULT 'MachineToMachine' CHECK (role_type = 'MachineToMachine'),
  PRIMARY KEY (organization_id, application_id, organization_role_id),
  FOREIGN KEY (organization_id, application_id)
    REFERENCES organization_application_relations (organization_id, application_id)
    ON DELETE CASCADE,
  FOREIGN KEY (organization_role_id, role_type)
    REFERENCES organization_roles (id, type) ON DELETE CASCADE
);
CREATE INDEX organization_role_application_relations_role_id
  ON organization_role_application_relations (organization_role_id);
CREATE INDEX organization_role_application_relations_member
  ON organization_role_application_relations (application_id, organization_role_id);

CREATE TABLE organization_jit_email_domains (
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email_domain TEXT NOT NULL,
  PRIMARY KEY (organization_id, email_domain)
);
CREATE INDEX organization_jit_email_domains_email_domain
  ON organization_jit_email_domains (email_domain);

CREATE TABLE organization_jit_roles (
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  organization_role_id TEXT NOT NULL,
  role_type TEXT NOT NULL DEFAULT 'User' CHECK (role_type = 'User'),
  PRIMARY KEY (organization_id, organization_role_id),
  FOREIGN KEY (organization_role_id, role_type)
    REFERENCES organization_roles (id, type) ON DELETE CASCADE
);
CREATE INDEX organization_jit_roles_role_id ON organization_jit_roles (organization_role_id);

CREATE TABLE organization_invitations (
  id TEXT PRIMARY KEY,
  inviter_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  invitee TEXT NOT NULL,
  accepted_user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('Pending', 'Accepted', 'Expired', 'Revoked')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX organization_invitations_one_pending
  ON organization_invitations (invitee, organization_id) WHERE status = 'Pending';
CREATE INDEX organization_invitations_organization_id
  ON organization_invitations (organization_id);
CREATE INDEX organization_invitations_inviter_id ON organization_invitations (inviter_id);
CREATE INDEX organization_invitations_accepted_user_id
  ON organization_invitations (accepted_user_id);
CREATE INDEX organization_invitations_pending_expires_at
  ON organization_invitations (expires_at) WHERE status = 'Pending';

CREATE TABLE organization_invitation_role_relations (
  organization_invitation_id TEXT NOT NULL
    REFERENCES organization_invitations (id) ON DELETE CASCADE,
  organization_role_id TEXT NOT NULL REFERENCES organization_roles (id) ON DELETE CASCADE,
  PRIMARY KEY (organization_invitation_id, organization_role_id)
);
CREATE INDEX organization_invitation_role_relations_role_id
  ON organization_invitation_role_relations (organization_role_id);
)sql";

}  // namespace latch::storage::migrations
