#include "storage/sql/dump_repository.hpp"

#include <algorithm>

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

// In the order the migrations create them, which is parents first: a table's foreign keys can
// only name tables that existed when it was created. A storage test checks that this list and
// the schema agree.
const std::vector<std::string> kTables = {
    "applications",
    "resources",
    "scopes",
    "signing_keys",
    "users",
    "browser_sessions",
    "interactions",
    "grants",
    "authorization_codes",
    "refresh_tokens",
    "access_tokens",
    "sign_in_experiences",
    "message_connectors",
    "verification_codes",
    "sign_in_failures",
    "connectors",
    "user_identities",
    "logs",
    "rate_limits",
    "roles",
    "roles_scopes",
    "users_roles",
    "applications_roles",
    "organizations",
    "organization_scopes",
    "organization_roles",
    "organization_role_scope_relations",
    "organization_role_resource_scope_relations",
    "organization_user_relations",
    "organization_role_user_relations",
    "organization_application_relations",
    "organization_role_application_relations",
    "organization_jit_email_domains",
    "organization_jit_roles",
    "organization_invitations",
    "organization_invitation_role_relations",
    "mfa_verifications",
    "mfa_backup_codes",
    "mfa_trusted_devices",
    "mfa_skips",
    "verification_records",
    "account_centers",
    "sso_connectors",
    "user_sso_identities",
    "organization_jit_sso_connectors",
    "saml_sso_relays",
    "saml_sso_assertions",
    "saml_sso_connector_signing_keys",
    "sso_connector_idp_initiated_auth_configs",
    "idp_initiated_saml_sso_sessions",
    "saml_application_configs",
    "saml_application_secrets",
    "saml_application_sessions",
    "replay_guard",
    "device_codes",
    "pushed_requests",
    "subject_tokens",
    "backchannel_logouts",
    "initial_access_tokens",
    "client_registrations",
    "jwt_customizers",
    "hooks",
    "hook_deliveries",
    "application_secrets",
    "application_user_consent_scopes",
    "application_sign_in_experiences",
    "personal_access_tokens",
};

bool is_identifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  return std::all_of(
             name.begin(), name.end(),
             [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }) &&
         !(name.front() >= '0' && name.front() <= '9');
}

CellValue cell_of(const Row& row, int column) {
  if (row.is_null(column)) return nullptr;
  if (row.is_integer(column)) return row.int64(column);
  return row.text(column);
}

}  // namespace

const std::vector<std::string>& SqlDumpRepository::tables() const { return kTables; }

Result<void> SqlDumpRepository::read_all(DumpVisitor& visitor) {
  for (const std::string& table : kTables) {
    // The columns come with the first row; an empty table still announces itself.
    bool announced = false;
    Result<void> failed = ok();
    std::vector<CellValue> cells;
    auto visit = [&](const Row& row) {
      if (!failed) return;
      if (!announced) {
        std::vector<std::string> columns;
        for (int i = 0; i < row.column_count(); ++i) columns.push_back(row.column_name(i));
        failed = visitor.table(table, columns);
        announced = true;
        if (!failed) return;
      }
      cells.clear();
      for (int i = 0; i < row.column_count(); ++i) cells.push_back(cell_of(row, i));
      failed = visitor.row(cells);
    };
    // Ordered by the first column (the key of most tables), so copies read alike.
    auto read = conn_.query("SELECT * FROM " + table + " ORDER BY 1", {}, visit);
    if (!read) return read.error();
    if (!failed) return failed;
    if (!announced) {
      if (auto empty = visitor.table(table, {}); !empty) return empty;
    }
  }
  return ok();
}

Result<bool> SqlDumpRepository::in_use() {
  auto users = query_int64(conn_, "SELECT COUNT(*) FROM users", {});
  if (!users) return users.error();
  auto apps = query_int64(conn_, "SELECT COUNT(*) FROM applications WHERE id <> ?",
                          {std::string_view("latch-console")});
  if (!apps) return apps.error();
  return *users > 0 || *apps > 0;
}

Result<void> SqlDumpRepository::clear_all() {
  for (auto table = kTables.rbegin(); table != kTables.rend(); ++table) {
    if (auto cleared = run(conn_, "DELETE FROM " + *table, {}); !cleared) return cleared;
  }
  return ok();
}

Result<void> SqlDumpRepository::insert_row(std::string_view table,
                                           const std::vector<std::string>& columns,
                                           const std::vector<CellValue>& cells) {
  if (std::find(kTables.begin(), kTables.end(), table) == kTables.end()) {
    return make_error(Errc::InvalidRequest, "unknown table " + std::string(table));
  }
  if (columns.empty() || columns.size() != cells.size()) {
    return make_error(Errc::InvalidRequest,
                      "a row of " + std::string(table) + " does not match its columns");
  }
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  std::string placeholders;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!is_identifier(columns[i])) {
      return make_error(Errc::InvalidRequest, "bad column name in " + std::string(table));
    }
    sql += (i == 0 ? "" : ", ") + columns[i];
    placeholders += i == 0 ? "?" : ", ?";
  }
  sql += ") VALUES (" + placeholders + ")";
  std::vector<Value> values;
  values.reserve(cells.size());
  for (const CellValue& cell : cells) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::string>) {
            values.emplace_back(std::string_view(v));
          } else {
            values.emplace_back(v);
          }
        },
        cell);
  }
  auto inserted = conn_.query(sql, values, {});
  if (!inserted) return inserted.error();
  return ok();
}

}  // namespace latch::storage::sql
