#include "migrate/keycloak.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>
#include <string>

#include "core/json.hpp"
#include "crypto/encoding.hpp"

namespace latch::migrate {
namespace {

namespace json = boost::json;

constexpr std::string_view kBuiltInClients[] = {"account",          "account-console",
                                                "admin-cli",        "broker",
                                                "realm-management", "security-admin-console"};

const json::array& array_at(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? v->as_array() : kEmpty;
}

const json::object& object_at(const json::object& o, std::string_view key) {
  static const json::object kEmpty;
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? v->as_object() : kEmpty;
}

std::optional<std::string> text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string() || v->as_string().empty()) return std::nullopt;
  return std::string(v->as_string());
}

bool flag(const json::object& o, std::string_view key, bool fallback) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() ? v->as_bool() : fallback;
}

std::int64_t number(const json::value* v, std::int64_t fallback = 0) {
  if (!v) return fallback;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_string()) {
    try {
      return std::stoll(std::string(v->as_string()));
    } catch (const std::exception&) {
      return fallback;
    }
  }
  return fallback;
}

// A credential's JSON-in-a-string member (secretData, credentialData), or the credential itself
// (exports before Keycloak 11 keep the members on the credential).
json::object embedded(const json::object& credential, std::string_view key) {
  if (auto text = text_of(credential, key)) {
    auto parsed = parse_json(*text);
    if (parsed && parsed->is_object()) return parsed->as_object();
  }
  return credential;
}

// The first value of Keycloak's multi-valued parameter `key` ({"memory": ["7168"]}).
std::string parameter(const json::object& params, std::string_view key) {
  const auto* v = params.if_contains(key);
  if (v && v->is_array() && !v->as_array().empty() && v->as_array()[0].is_string()) {
    return std::string(v->as_array()[0].as_string());
  }
  if (v && v->is_string()) return std::string(v->as_string());
  return "";
}

std::string unpadded_base64(std::string_view bytes) {
  std::string out = crypto::base64_encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

// A Keycloak password credential in Logto's terms; an explanation when it cannot be.
Result<ImportedPassword> password_of(const json::object& credential) {
  json::object secret = embedded(credential, "secretData");
  json::object data = embedded(credential, "credentialData");
  std::string value_b64 = json_text(secret, "value", json_text(secret, "hashedSaltedValue"));
  auto value = crypto::base64_decode(value_b64);
  auto salt = crypto::base64_decode(json_text(secret, "salt"));
  std::string algorithm = json_text(data, "algorithm");
  std::int64_t iterations = number(data.if_contains("hashIterations"));
  if (!value || value->empty() || !salt || iterations <= 0) {
    return make_error(Errc::InvalidRequest, "its hash, salt or iterations do not read");
  }
  static const std::map<std::string_view, std::string_view> kPbkdf2{
      {"pbkdf2", "sha1"}, {"pbkdf2-sha256", "sha256"}, {"pbkdf2-sha512", "sha512"}};
  if (auto it = kPbkdf2.find(algorithm); it != kPbkdf2.end()) {
    json::array args{
        json::string("hex:" + crypto::hex_encode(*salt)), json::string(std::to_string(iterations)),
        json::string(std::to_string(value->size())), json::string(it->second), json::string("@")};
    json::array legacy{"pbkdf2", std::move(args), json::string(crypto::hex_encode(*value))};
    return ImportedPassword{"Legacy", json::serialize(legacy)};
  }
  if (algorithm == "argon2") {
    const json::object& params = object_at(data, "additionalParameters");
    std::string type = parameter(params, "type");
    if (type.empty()) type = "id";
    std::string version = parameter(params, "version");
    std::string memory = parameter(params, "memory");
    std::string parallelism = parameter(params, "parallelism");
    if ((type != "id" && type != "i" && type != "d") || memory.empty()) {
      return make_error(Errc::InvalidRequest, "its Argon2 parameters do not read");
    }
    std::string phc = "$argon2" + type + "$v=" + (version == "1.0" ? "16" : "19") + "$m=" + memory +
                      ",t=" + std::to_string(iterations) +
                      ",p=" + (parallelism.empty() ? "1" : parallelism) + "$" +
                      unpadded_base64(*salt) + "$" + unpadded_base64(*value);
    std::string name = type == "id" ? "Argon2id" : type == "i" ? "Argon2i" : "Argon2d";
    return ImportedPassword{name, phc};
  }
  return make_error(Errc::InvalidRequest,
                    "Keycloak's hash algorithm " + algorithm + " is not one Latch verifies");
}

bool built_in_role(std::string_view name) {
  return name.starts_with("default-roles-") || name == "offline_access" ||
         name == "uma_authorization";
}

bool is_http(std::string_view uri) {
  return uri.starts_with("https://") || uri.starts_with("http://");
}

// Latch's id of the organization a top-level group becomes, and of a role: stable across runs.
std::string organization_id(std::string_view group) {
  return derived_id("keycloak", "/" + std::string(group), 21);
}
std::string role_id(std::string_view role) {
  return derived_id("keycloak", "role:" + std::string(role), 21);
}

// The top-level group of a path ("/engineering/backend" → "engineering").
std::string top_group(std::string_view path) {
  if (path.starts_with('/')) path.remove_prefix(1);
  return std::string(path.substr(0, path.find('/')));
}

struct Groups {
  std::map<std::string, std::vector<std::string>> roles;  // by path: the roles it gives
  std::vector<std::string> top_level;                     // names, in the export's order
};

void collect_groups(const json::array& groups, Groups& out, bool top, ImportPlan& plan) {
  for (const auto& item : groups) {
    if (!item.is_object()) continue;
    const auto& group = item.as_object();
    std::string name = json_text(group, "name");
    std::string path = json_text(group, "path", "/" + name);
    if (top) out.top_level.push_back(name);
    auto& roles = out.roles[path];
    for (const auto& r : array_at(group, "realmRoles")) {
      if (r.is_string() && !built_in_role(r.as_string())) roles.emplace_back(r.as_string());
    }
    for (const auto& [client, list] : object_at(group, "clientRoles")) {
      if (!list.is_array()) continue;
      for (const auto& r : list.as_array()) {
        if (r.is_string()) roles.push_back(std::string(client) + "/" + std::string(r.as_string()));
      }
    }
    const auto& sub = array_at(group, "subGroups");
    if (!sub.empty()) {
      plan.not_imported.push_back("subgroups of group " + path +
                                  ": their members join organization " + top_group(path));
      collect_groups(sub, out, false, plan);
    }
  }
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

ImportedUser user_of(const json::object& u, const Groups& groups, ImportPlan& plan) {
  ImportedUser user;
  user.source_id = json_text(u, "id", json_text(u, "username"));
  user.id = derived_id("keycloak", user.source_id, 12);
  user.username = text_of(u, "username");
  user.email = text_of(u, "email");
  auto first = text_of(u, "firstName");
  auto last = text_of(u, "lastName");
  if (first) user.profile["givenName"] = *first;
  if (last) user.profile["familyName"] = *last;
  if (first || last) {
    user.name = first && last ? *first + " " + *last : first ? *first : *last;
  }
  user.suspended = !flag(u, "enabled", true);
  user.created_at = number(u.if_contains("createdTimestamp"));
  for (const auto& [key, values] : object_at(u, "attributes")) {
    if (!values.is_array()) continue;
    const auto& list = values.as_array();
    if ((key == "phoneNumber" || key == "phone_number") && !list.empty() && list[0].is_string()) {
      user.phone = std::string(list[0].as_string());
      continue;
    }
    user.custom_data[key] = list.size() == 1 ? list[0] : json::value(list);
  }
  for (const auto& item : array_at(u, "federatedIdentities")) {
    if (!item.is_object()) continue;
    const auto& identity = item.as_object();
    std::string provider = json_text(identity, "identityProvider");
    if (provider.empty()) continue;
    json::object details;
    if (auto name = text_of(identity, "userName")) details["username"] = *name;
    user.identities[provider] =
        json::object{{"userId", json_text(identity, "userId")}, {"details", std::move(details)}};
  }
  for (const auto& item : array_at(u, "credentials")) {
    if (!item.is_object() || json_text(item.as_object(), "type") != "password") continue;
    auto password = password_of(item.as_object());
    if (password) {
      user.password = std::move(*password);
    } else {
      plan.not_imported.push_back("password of user " + user.username.value_or(user.source_id) +
                                  ": " + password.error().description);
    }
  }
  for (const auto& r : array_at(u, "realmRoles")) {
    if (r.is_string() && !built_in_role(r.as_string())) {
      add_unique(user.roles, std::string(r.as_string()));
    }
  }
  for (const auto& [client, list] : object_at(u, "clientRoles")) {
    if (!list.is_array()) continue;
    for (const auto& r : list.as_array()) {
      if (r.is_string()) {
        add_unique(user.roles, std::string(client) + "/" + std::string(r.as_string()));
      }
    }
  }
  for (const auto& g : array_at(u, "groups")) {
    if (!g.is_string()) continue;
    std::string path(g.as_string());
    std::string top = top_group(path);
    if (std::find(groups.top_level.begin(), groups.top_level.end(), top) !=
        groups.top_level.end()) {
      add_unique(user.organizations, organization_id(top));
    }
    // A group's roles, and its ancestors', are the member's too.
    for (std::string at = path; !at.empty();) {
      if (auto it = groups.roles.find(at); it != groups.roles.end()) {
        for (const auto& role : it->second) add_unique(user.roles, role);
      }
      auto slash = at.rfind('/');
      at = slash == std::string::npos ? std::string() : at.substr(0, slash);
    }
  }
  return user;
}

std::optional<ImportedApp> app_of(const json::object& c, ImportPlan& plan) {
  std::string client_id = json_text(c, "clientId");
  if (client_id.empty()) return std::nullopt;
  if (std::find(std::begin(kBuiltInClients), std::end(kBuiltInClients), client_id) !=
      std::end(kBuiltInClients)) {
    return std::nullopt;  // Keycloak's own clients: nothing of the realm's apps
  }
  if (flag(c, "bearerOnly", false)) {
    plan.not_imported.push_back("client " + client_id +
                                ": bearer-only (an API, not an app): make it an API resource");
    return std::nullopt;
  }
  ImportedApp app;
  app.source_id = client_id;
  app.id = derived_id("keycloak", client_id, 21);
  app.name = json_text(c, "name", client_id);
  if (app.name.starts_with("${")) app.name = client_id;
  app.description = json_text(c, "description");
  for (const auto& item : array_at(c, "redirectUris")) {
    if (!item.is_string()) continue;
    std::string uri(item.as_string());
    if (uri.find('*') != std::string::npos || uri.starts_with('/')) {
      plan.not_imported.push_back("client " + client_id + ": redirect URI " + uri +
                                  " (Latch takes exact, absolute redirect URIs)");
      continue;
    }
    app.redirect_uris.push_back(uri);
  }
  const json::object& attributes = object_at(c, "attributes");
  std::string logout = json_text(attributes, "post.logout.redirect.uris");
  for (std::size_t at = 0; at < logout.size();) {
    auto end = logout.find("##", at);
    std::string uri = logout.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (!uri.empty() && uri != "+" && uri.find('*') == std::string::npos) {
      app.post_logout_redirect_uris.push_back(uri);
    }
    at = end == std::string::npos ? logout.size() : end + 2;
  }
  for (const auto& item : array_at(c, "webOrigins")) {
    if (item.is_string() && is_http(item.as_string())) {
      app.cors_allowed_origins.emplace_back(item.as_string());
    }
  }
  bool public_client = flag(c, "publicClient", false);
  bool browser_flow = flag(c, "standardFlowEnabled", true);
  if (public_client) {
    bool all_http = std::all_of(app.redirect_uris.begin(), app.redirect_uris.end(),
                                [](const std::string& u) { return is_http(u); });
    app.type = all_http ? model::AppType::Spa : model::AppType::Native;
  } else {
    app.type = flag(c, "serviceAccountsEnabled", false) && !browser_flow
                   ? model::AppType::MachineToMachine
                   : model::AppType::Traditional;
    app.secret = text_of(c, "secret");
    if (!app.secret) {
      plan.not_imported.push_back("client " + client_id +
                                  ": no secret in the export (a new one is made)");
    }
  }
  return app;
}

}  // namespace

Result<ImportPlan> read_keycloak(std::string_view realm) {
  auto parsed = parse_json(realm);
  if (!parsed || !parsed->is_object()) {
    return make_error(Errc::InvalidRequest, "the realm export is not a JSON object");
  }
  const json::object& root = parsed->as_object();
  ImportPlan plan;
  Groups groups;
  collect_groups(array_at(root, "groups"), groups, true, plan);
  for (const auto& name : groups.top_level) {
    plan.organizations.push_back({.source_id = "/" + name,
                                  .id = organization_id(name),
                                  .name = name,
                                  .description = "",
                                  .custom_data = {}});
  }
  const json::object& roles = object_at(root, "roles");
  for (const auto& item : array_at(roles, "realm")) {
    if (!item.is_object()) continue;
    std::string name = json_text(item.as_object(), "name");
    if (name.empty() || built_in_role(name)) continue;
    plan.roles.push_back({.id = role_id(name),
                          .name = name,
                          .description = json_text(item.as_object(), "description", name),
                          .scopes = {}});
  }
  for (const auto& [client, list] : object_at(roles, "client")) {
    if (!list.is_array() || std::find(std::begin(kBuiltInClients), std::end(kBuiltInClients),
                                      std::string_view(client)) != std::end(kBuiltInClients)) {
      continue;
    }
    for (const auto& item : list.as_array()) {
      if (!item.is_object()) continue;
      std::string name = std::string(client) + "/" + json_text(item.as_object(), "name");
      plan.roles.push_back({.id = role_id(name),
                            .name = name,
                            .description = json_text(item.as_object(), "description", name),
                            .scopes = {}});
    }
  }
  for (const auto& item : array_at(root, "clients")) {
    if (!item.is_object()) continue;
    if (auto app = app_of(item.as_object(), plan)) plan.apps.push_back(std::move(*app));
  }
  std::set<std::string> known_roles;
  for (const auto& role : plan.roles) known_roles.insert(role.name);
  for (const auto& item : array_at(root, "users")) {
    if (!item.is_object()) continue;
    const auto& u = item.as_object();
    if (json_text(u, "username").starts_with("service-account-")) continue;  // a client's own
    ImportedUser user = user_of(u, groups, plan);
    std::erase_if(user.roles, [&](const std::string& r) {
      return !known_roles.contains(r);  // a built-in client's role, which is not imported
    });
    plan.users.push_back(std::move(user));
  }
  return plan;
}

}  // namespace latch::migrate
