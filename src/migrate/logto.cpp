#include "migrate/logto.hpp"

#include <functional>
#include <map>
#include <span>

#include "core/json.hpp"

namespace latch::migrate {
namespace {

namespace json = boost::json;
using storage::sql::Connection;
using storage::sql::Row;
using storage::sql::Value;

// Logto's own Management API resource of a tenant (its indicator): Latch has its own.
bool logto_management_api(std::string_view indicator) {
  return indicator.starts_with("https://") && indicator.ends_with(".logto.app/api");
}

Result<void> each(Connection& conn, std::string_view sql, const std::string& tenant,
                  const std::function<void(const Row&)>& on_row) {
  auto handler = [&](const Row& row) { on_row(row); };
  Value values[] = {std::string_view(tenant)};
  auto done = conn.query(sql, values, handler);
  if (!done) return done.error();
  return ok();
}

// `each` with several parameters (?1 is the tenant).
Result<void> each_of(Connection& conn, std::string_view sql, std::span<const Value> values,
                     const std::function<void(const Row&)>& on_row) {
  auto handler = [&](const Row& row) { on_row(row); };
  auto done = conn.query(sql, values, handler);
  if (!done) return done.error();
  return ok();
}

std::vector<std::string> strings_at(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->as_array()) {
    if (item.is_string()) out.emplace_back(item.as_string());
  }
  return out;
}

std::optional<model::AppType> app_type(std::string_view logto) {
  if (logto == "Traditional") return model::AppType::Traditional;
  if (logto == "SPA") return model::AppType::Spa;
  if (logto == "Native") return model::AppType::Native;
  if (logto == "MachineToMachine") return model::AppType::MachineToMachine;
  return std::nullopt;  // Protected, SAML
}

Result<void> read_resources(Connection& conn, const std::string& tenant, ImportPlan& plan) {
  std::map<std::string, std::size_t> by_id;
  auto done = each(conn,
                   "SELECT id, name, indicator, access_token_ttl FROM resources "
                   "WHERE tenant_id = ?1 ORDER BY name, id",
                   tenant, [&](const Row& row) {
                     std::string indicator = row.text(2);
                     if (logto_management_api(indicator)) return;
                     by_id[row.text(0)] = plan.resources.size();
                     plan.resources.push_back({.source_id = row.text(0),
                                               .id = derived_id("logto", row.text(0), 21),
                                               .name = row.text(1),
                                               .indicator = indicator,
                                               .access_token_ttl = row.int64(3)});
                   });
  if (!done) return done;
  return each(conn,
              "SELECT resource_id, id, name, COALESCE(description, '') FROM scopes "
              "WHERE tenant_id = ?1 ORDER BY created_at, id",
              tenant, [&](const Row& row) {
                auto it = by_id.find(row.text(0));
                if (it == by_id.end()) return;
                plan.resources[it->second].scopes.push_back(
                    {derived_id("logto", row.text(1), 21), row.text(2), row.text(3)});
              });
}

Result<std::map<std::string, std::string>> read_roles(Connection& conn, const std::string& tenant,
                                                      ImportPlan& plan) {
  std::map<std::string, std::size_t> by_id;
  std::map<std::string, std::string> names;
  auto done = each(conn,
                   "SELECT id, name, description, type::text FROM roles WHERE tenant_id = ?1 "
                   "ORDER BY name, id",
                   tenant, [&](const Row& row) {
                     by_id[row.text(0)] = plan.roles.size();
                     names[row.text(0)] = row.text(1);
                     plan.roles.push_back({.id = derived_id("logto", row.text(0), 21),
                                           .name = row.text(1),
                                           .description = row.text(2),
                                           .type = row.text(3)});
                   });
  if (!done) return done.error();
  done =
      each(conn,
           "SELECT rs.role_id, r.indicator, s.name FROM roles_scopes rs "
           "JOIN scopes s ON s.id = rs.scope_id JOIN resources r ON r.id = s.resource_id "
           "WHERE rs.tenant_id = ?1",
           tenant, [&](const Row& row) {
             auto it = by_id.find(row.text(0));
             if (it == by_id.end()) return;
             std::string indicator = row.text(1);
             if (logto_management_api(indicator)) {
               plan.not_imported.push_back("role " + plan.roles[it->second].name + ": its " +
                                           row.text(2) + " permission on Logto's Management API");
               return;
             }
             plan.roles[it->second].scopes.emplace_back(indicator, row.text(2));
           });
  if (!done) return done.error();
  return names;
}

Result<void> read_apps(Connection& conn, const std::string& tenant,
                       const std::map<std::string, std::string>& role_names, ImportPlan& plan) {
  std::map<std::string, std::size_t> by_id;
  auto done = each(
      conn,
      "SELECT id, name, COALESCE(description, ''), type::text, COALESCE(secret, ''), "
      "oidc_client_metadata::text, custom_client_metadata::text, is_third_party, "
      "custom_data::text FROM applications WHERE tenant_id = ?1 ORDER BY created_at, id",
      tenant, [&](const Row& row) {
        auto type = app_type(row.text(3));
        if (!type) {
          plan.not_imported.push_back("application " + row.text(1) + " (" + row.text(0) + "): a " +
                                      row.text(3) + " application");
          return;
        }
        json::object metadata = json_object_or_empty(row.text(5));
        json::object custom = json_object_or_empty(row.text(6));
        ImportedApp app{.source_id = row.text(0),
                        .id = row.text(0),
                        .name = row.text(1),
                        .description = row.text(2),
                        .type = *type,
                        .redirect_uris = strings_at(metadata, "redirectUris"),
                        .post_logout_redirect_uris = strings_at(metadata, "postLogoutRedirectUris"),
                        .cors_allowed_origins = strings_at(custom, "corsAllowedOrigins"),
                        .third_party = row.boolean(7),
                        .custom_data = json_object_or_empty(row.text(8))};
        if (!row.text(4).empty()) app.secret = row.text(4);
        by_id[app.id] = plan.apps.size();
        plan.apps.push_back(std::move(app));
      });
  if (!done) return done;
  // Logto 1.2x keeps named secrets apart; the oldest unexpired one is the app's.
  auto has_secrets = [&]() -> Result<bool> {
    bool found = false;
    auto checked = each(
        conn, "SELECT to_regclass('application_secrets') IS NOT NULL WHERE CAST(?1 AS TEXT) <> ''",
        tenant, [&](const Row& row) { found = row.boolean(0); });
    if (!checked) return checked.error();
    return found;
  }();
  if (!has_secrets) return has_secrets.error();
  if (*has_secrets) {
    done = each(conn,
                "SELECT application_id, value FROM application_secrets WHERE tenant_id = ?1 AND "
                "(expires_at IS NULL OR expires_at > now()) ORDER BY created_at DESC",
                tenant, [&](const Row& row) {
                  auto it = by_id.find(row.text(0));
                  if (it != by_id.end()) plan.apps[it->second].secret = row.text(1);
                });
    if (!done) return done;
  }
  return each(conn, "SELECT application_id, role_id FROM applications_roles WHERE tenant_id = ?1",
              tenant, [&](const Row& row) {
                auto app = by_id.find(row.text(0));
                auto role = role_names.find(row.text(1));
                if (app != by_id.end() && role != role_names.end()) {
                  plan.apps[app->second].roles.push_back(role->second);
                }
              });
}

// Latch's id of Logto's organization `id`: the same, as organization ids are in tokens
// (urn:logto:organization:<id>) and in apps' settings.
std::string organization_id(std::string_view id) { return derived_id("logto", id, 21); }

// Users after `after` (by id), at most `count`, with their roles, organizations and organization
// roles, read by the same id range. Returns the last id read ("" when none was left).
Result<std::string> read_users(Connection& conn, const std::string& tenant,
                               const std::map<std::string, std::string>& role_names,
                               const std::string& after, std::size_t count, ImportPlan& plan) {
  std::map<std::string, std::size_t> by_id;
  Value page[] = {std::string_view(tenant), std::string_view(after),
                  static_cast<std::int64_t>(count)};
  auto done =
      each_of(conn,
              "SELECT id, username, primary_email, primary_phone, name, avatar, profile::text, "
              "custom_data::text, identities::text, is_suspended, password_encrypted, "
              "password_encryption_method::text, (EXTRACT(EPOCH FROM created_at) * 1000)::bigint "
              "FROM users WHERE tenant_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
              page, [&](const Row& row) {
                ImportedUser user{.source_id = row.text(0),
                                  .id = derived_id("logto", row.text(0), 12),
                                  .username = row.optional_text(1),
                                  .email = row.optional_text(2),
                                  .phone = row.optional_text(3),
                                  .name = row.optional_text(4),
                                  .avatar = row.optional_text(5),
                                  .profile = json_object_or_empty(row.text(6)),
                                  .custom_data = json_object_or_empty(row.text(7)),
                                  .identities = json_object_or_empty(row.text(8)),
                                  .suspended = row.boolean(9),
                                  .created_at = row.int64(12)};
                auto digest = row.optional_text(10);
                auto method = row.optional_text(11);
                if (digest && method && !digest->empty())
                  user.password = ImportedPassword{*method, *digest};
                by_id[user.source_id] = plan.users.size();
                plan.users.push_back(std::move(user));
              });
  if (!done) return done.error();
  if (plan.users.empty()) return std::string();
  std::string last = plan.users.back().source_id;
  Value range[] = {std::string_view(tenant), std::string_view(after), std::string_view(last)};
  auto of = [&](const Row& row) -> ImportedUser* {
    auto it = by_id.find(row.text(0));
    return it == by_id.end() ? nullptr : &plan.users[it->second];
  };
  done = each_of(conn,
                 "SELECT user_id, role_id FROM users_roles WHERE tenant_id = ?1 AND user_id > ?2 "
                 "AND user_id <= ?3",
                 range, [&](const Row& row) {
                   auto role = role_names.find(row.text(1));
                   if (auto* user = of(row); user && role != role_names.end()) {
                     user->roles.push_back(role->second);
                   }
                 });
  if (!done) return done.error();
  done = each_of(conn,
                 "SELECT user_id, organization_id FROM organization_user_relations "
                 "WHERE tenant_id = ?1 AND user_id > ?2 AND user_id <= ?3 ORDER BY organization_id",
                 range, [&](const Row& row) {
                   if (auto* user = of(row)) {
                     user->organizations.push_back(organization_id(row.text(1)));
                   }
                 });
  if (!done) return done.error();
  done =
      each_of(conn,
              "SELECT r.user_id, r.organization_id, o.name FROM "
              "organization_role_user_relations r JOIN organization_roles o ON o.id = "
              "r.organization_role_id WHERE r.tenant_id = ?1 AND r.user_id > ?2 AND "
              "r.user_id <= ?3 ORDER BY o.name",
              range, [&](const Row& row) {
                if (auto* user = of(row)) {
                  user->organization_roles.emplace_back(organization_id(row.text(1)), row.text(2));
                }
              });
  if (!done) return done.error();
  return last;
}

// The tenant's sign-in experience, in the shape of Logto's PATCH /api/sign-in-exp, with the
// settings Latch has (docs/migrate.md lists the rest).
Result<void> read_sign_in_experience(Connection& conn, const std::string& tenant,
                                     ImportPlan& plan) {
  static constexpr std::string_view kJsonColumns[][2] = {
      {"color", "color"},
      {"branding", "branding"},
      {"languageInfo", "language_info"},
      {"signIn", "sign_in"},
      {"signUp", "sign_up"},
      {"socialSignInConnectorTargets", "social_sign_in_connector_targets"},
      {"passwordPolicy", "password_policy"},
      {"mfa", "mfa"},
      {"sentinelPolicy", "sentinel_policy"},
      {"passkeySignIn", "passkey_sign_in"}};
  std::string sql =
      "SELECT terms_of_use_url, privacy_policy_url, agree_to_terms_policy::text, "
      "sign_in_mode::text, custom_css, single_sign_on_enabled";
  for (const auto& [key, column] : kJsonColumns) sql += ", " + std::string(column) + "::text";
  sql += " FROM sign_in_experiences WHERE tenant_id = ?1 AND id = 'default'";
  return each(conn, sql, tenant, [&](const Row& row) {
    json::object patch;
    auto text = [&](std::string_view key, int column) {
      if (auto value = row.optional_text(column)) patch[key] = *value;
    };
    text("termsOfUseUrl", 0);
    text("privacyPolicyUrl", 1);
    text("agreeToTermsPolicy", 2);
    text("signInMode", 3);
    text("customCss", 4);
    patch["singleSignOnEnabled"] = row.boolean(5);
    int column = 6;
    for (const auto& [key, name] : kJsonColumns) {
      auto value = parse_json(row.text(column++));
      if (value && !value->is_null()) patch[key] = std::move(*value);
    }
    plan.sign_in_experience = std::move(patch);
  });
}

// The organization template: its permissions, and its roles with the permissions they hold.
Result<void> read_organization_template(Connection& conn, const std::string& tenant,
                                        ImportPlan& plan) {
  auto done = each(conn,
                   "SELECT id, name, COALESCE(description, '') FROM organization_scopes "
                   "WHERE tenant_id = ?1 ORDER BY name, id",
                   tenant, [&](const Row& row) {
                     plan.organization_scopes.push_back(
                         {derived_id("logto", row.text(0), 21), row.text(1), row.text(2)});
                   });
  if (!done) return done;
  std::map<std::string, std::size_t> by_id;
  done = each(conn,
              "SELECT id, name, COALESCE(description, ''), type::text FROM organization_roles "
              "WHERE tenant_id = ?1 ORDER BY name, id",
              tenant, [&](const Row& row) {
                by_id[row.text(0)] = plan.organization_roles.size();
                plan.organization_roles.push_back({.id = derived_id("logto", row.text(0), 21),
                                                   .name = row.text(1),
                                                   .description = row.text(2),
                                                   .type = row.text(3)});
              });
  if (!done) return done;
  done = each(conn,
              "SELECT r.organization_role_id, s.name FROM organization_role_scope_relations r "
              "JOIN organization_scopes s ON s.id = r.organization_scope_id "
              "WHERE r.tenant_id = ?1 ORDER BY s.name",
              tenant, [&](const Row& row) {
                if (auto it = by_id.find(row.text(0)); it != by_id.end()) {
                  plan.organization_roles[it->second].scopes.push_back(row.text(1));
                }
              });
  return done;
}

// The tenant must exist: a mistyped --tenant would otherwise import nothing, silently.
Result<void> check_tenant(Connection& conn, const std::string& tenant) {
  bool found = false;
  auto done =
      each(conn, "SELECT 1 FROM tenants WHERE id = ?1", tenant, [&](const Row&) { found = true; });
  if (!done) return done;
  if (found) return ok();
  return make_error(Errc::InvalidRequest, "this Logto database has no tenant " + tenant +
                                              " (Logto OSS keeps everything in: default)");
}

Result<void> read_rest(Connection& conn, const std::string& tenant, ImportPlan& plan) {
  auto done =
      each(conn,
           "SELECT id, name, COALESCE(description, ''), custom_data::text FROM organizations "
           "WHERE tenant_id = ?1 ORDER BY created_at, id",
           tenant, [&](const Row& row) {
             plan.organizations.push_back({.source_id = row.text(0),
                                           .id = organization_id(row.text(0)),
                                           .name = row.text(1),
                                           .description = row.text(2),
                                           .custom_data = json_object_or_empty(row.text(3))});
           });
  if (!done) return done;
  done = each(
      conn,
      "SELECT id, connector_id, config::text FROM connectors WHERE tenant_id = ?1 "
      "ORDER BY created_at, id",
      tenant, [&](const Row& row) {
        plan.connectors.push_back({row.text(0), row.text(1), json_object_or_empty(row.text(2))});
      });
  if (!done) return done;
  if (auto r = read_organization_template(conn, tenant, plan); !r) return r;
  return read_sign_in_experience(conn, tenant, plan);
}

// A query Logto's schema would answer failed: another database, or a Logto too old.
Error not_logto(const Error& error) {
  if (error.code != Errc::Internal) return error;
  return make_error(Errc::InvalidRequest,
                    "this database does not hold Logto's schema (Logto 1.x, OSS)",
                    error.detail.empty() ? error.description : error.detail);
}

}  // namespace

Result<std::unique_ptr<LogtoReader>> LogtoReader::open(Connection& conn, std::string tenant) {
  if (auto begun = conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !begun) {
    return begun.error();
  }
  std::unique_ptr<LogtoReader> reader(new LogtoReader(conn, std::move(tenant)));
  if (auto r = check_tenant(conn, reader->tenant_); !r) return not_logto(r.error());
  return reader;
}

LogtoReader::~LogtoReader() { conn_.rollback(); }  // read only: nothing to keep

Result<ImportPlan> LogtoReader::rest() {
  ImportPlan plan;
  auto read = [&]() -> Result<void> {
    if (auto r = read_resources(conn_, tenant_, plan); !r) return r;
    auto roles = read_roles(conn_, tenant_, plan);
    if (!roles) return roles.error();
    role_names_ = std::move(*roles);
    if (auto r = read_apps(conn_, tenant_, role_names_, plan); !r) return r;
    return read_rest(conn_, tenant_, plan);
  }();
  if (!read) return not_logto(read.error());
  return plan;
}

Result<ImportPlan> LogtoReader::users(std::size_t count) {
  ImportPlan plan;
  if (done_) return plan;
  auto last = read_users(conn_, tenant_, role_names_, after_, count, plan);
  if (!last) return not_logto(last.error());
  if (last->empty()) done_ = true;
  after_ = std::move(*last);
  return plan;
}

Result<ImportPlan> read_logto(Connection& conn, const std::string& tenant) {
  auto reader = LogtoReader::open(conn, tenant);
  if (!reader) return reader.error();
  auto plan = (*reader)->rest();
  if (!plan) return plan.error();
  for (;;) {
    auto page = (*reader)->users(LogtoReader::kPage);
    if (!page) return page.error();
    if (page->users.empty()) break;
    for (auto& user : page->users) plan->users.push_back(std::move(user));
  }
  return plan;
}

}  // namespace latch::migrate
