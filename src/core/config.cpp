#include "core/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <functional>
// toml++ reports parse errors as values, not exceptions (only this file includes it).
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

extern char** environ;

namespace latch {
namespace {

using Setter = std::function<Result<void>(Config&, std::string_view)>;

Result<void> bad_value(std::string_view key, std::string_view why) {
  return make_error(Errc::InvalidRequest, std::string(key) + ": " + std::string(why));
}

template <class Int>
Setter integer(Int Config::*field, std::string_view key, std::int64_t min, std::int64_t max) {
  return [field, key, min, max](Config& c, std::string_view v) -> Result<void> {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || ptr != v.data() + v.size() || n < min || n > max) {
      return bad_value(key, "expected an integer between " + std::to_string(min) + " and " +
                                std::to_string(max));
    }
    c.*field = static_cast<Int>(n);
    return ok();
  };
}

Setter text(std::string Config::*field) {
  return [field](Config& c, std::string_view v) -> Result<void> {
    c.*field = std::string(v);
    return ok();
  };
}

Setter one_of(std::string Config::*field, std::string_view key,
              std::vector<std::string_view> allowed) {
  return [field, key, allowed](Config& c, std::string_view v) -> Result<void> {
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return bad_value(key, "expected one of " + list);
    }
    c.*field = std::string(v);
    return ok();
  };
}

// A comma-separated list (TOML: an array); blank items are dropped.
Setter list(std::vector<std::string> Config::*field) {
  return [field](Config& c, std::string_view v) -> Result<void> {
    std::vector<std::string> items;
    while (!v.empty()) {
      std::size_t comma = v.find(',');
      std::string_view item = v.substr(0, comma);
      while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) {
        item.remove_prefix(1);
      }
      while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) {
        item.remove_suffix(1);
      }
      if (!item.empty()) items.emplace_back(item);
      v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + 1);
    }
    c.*field = std::move(items);
    return ok();
  };
}

Setter boolean(bool Config::*field, std::string_view key) {
  return [field, key](Config& c, std::string_view v) -> Result<void> {
    if (v != "true" && v != "false" && v != "1" && v != "0") {
      return bad_value(key, "expected true or false");
    }
    c.*field = v == "true" || v == "1";
    return ok();
  };
}

Setter endpoint_setter() {
  return [](Config& c, std::string_view v) -> Result<void> {
    if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
      return bad_value("endpoint", "expected an http:// or https:// URL");
    }
    while (!v.empty() && v.back() == '/') v.remove_suffix(1);
    c.endpoint = std::string(v);
    return ok();
  };
}

struct Entry {
  ConfigKey key;
  Setter set;
};

const std::vector<Entry>& entries() {
  static const std::vector<std::string_view> kAlgs = {"ES256", "ES384", "RS256", "EdDSA"};
  static const std::vector<Entry> kEntries = {
      {{"endpoint", "public URL of this deployment (issuer = endpoint + /oidc)"},
       endpoint_setter()},
      {{"bind_address", "address to listen on"}, text(&Config::bind_address)},
      {{"port", "TCP port to listen on (0 = any free port)"},
       integer(&Config::port, "port", 0, 65535)},
      {{"data_dir", "directory for the SQLite database and the master key"},
       text(&Config::data_dir)},
      {{"database", "SQLite file path (default <data_dir>/latch.db) or postgres:// URL"},
       text(&Config::database)},
      {{"database_pool_size", "PostgreSQL connections per node"},
       integer(&Config::database_pool_size, "database_pool_size", 1, 1000)},
      {{"database_pool_timeout_ms",
        "PostgreSQL: how long a request waits for a free connection, milliseconds"},
       integer(&Config::database_pool_timeout_ms, "database_pool_timeout_ms", 10, 600000)},
      {{"master_key_file", "file holding the master key (default <data_dir>/master.key)"},
       text(&Config::master_key_file)},
      {{"master_key", "the master key itself, base64 of 32 bytes (overrides the file)"},
       text(&Config::master_key)},
      {{"log_level", "trace, debug, info, warn or error"},
       one_of(&Config::log_level, "log_level", {"trace", "debug", "info", "warn", "error"})},
      {{"log_format", "text or json"}, one_of(&Config::log_format, "log_format", {"text", "json"})},
      {{"threads", "I/O threads (0 = one per core)"}, integer(&Config::threads, "threads", 0, 256)},
      {{"blocking_threads", "threads for database work and password hashing (0 = auto)"},
       integer(&Config::blocking_threads, "blocking_threads", 0, 256)},
      {{"access_token_alg", "JWS algorithm of access tokens"},
       one_of(&Config::access_token_alg, "access_token_alg", kAlgs)},
      {{"id_token_alg", "default JWS algorithm of ID tokens"},
       one_of(&Config::id_token_alg, "id_token_alg", kAlgs)},
      {{"access_token_ttl", "access token lifetime in seconds"},
       integer(&Config::access_token_ttl, "access_token_ttl", 60, 86400)},
      {{"id_token_ttl", "ID token lifetime in seconds"},
       integer(&Config::id_token_ttl, "id_token_ttl", 60, 86400)},
      {{"refresh_token_ttl", "refresh token lifetime in seconds"},
       integer(&Config::refresh_token_ttl, "refresh_token_ttl", 60, 366 * 86400)},
      {{"authorization_code_ttl", "authorization code lifetime in seconds"},
       integer(&Config::authorization_code_ttl, "authorization_code_ttl", 10, 60)},
      {{"session_ttl", "browser session lifetime in seconds"},
       integer(&Config::session_ttl, "session_ttl", 60, 366 * 86400)},
      {{"interaction_ttl", "sign-in interaction lifetime in seconds"},
       integer(&Config::interaction_ttl, "interaction_ttl", 60, 86400)},
      {{"connector_timeout_ms", "time limit of each request to a social provider, milliseconds"},
       integer(&Config::connector_timeout_ms, "connector_timeout_ms", 100, 120000)},
      {{"console_dir", "development: serve the console's files from this directory (web/console)"},
       text(&Config::console_dir)},
      {{"max_connections", "open connections in all (0 = from the descriptor limit)"},
       integer(&Config::max_connections, "max_connections", 0, 10000000)},
      {{"max_connections_per_ip", "open connections per client address (0 = no cap)"},
       integer(&Config::max_connections_per_ip, "max_connections_per_ip", 0, 10000000)},
      {{"header_timeout", "seconds a client has to send a request's header"},
       integer(&Config::header_timeout, "header_timeout", 1, 3600)},
      {{"keep_alive_timeout", "seconds an idle kept-alive connection stays open"},
       integer(&Config::keep_alive_timeout, "keep_alive_timeout", 1, 3600)},
      {{"trusted_proxies",
        "addresses and CIDR networks of proxies whose client-address header is believed"},
       list(&Config::trusted_proxies)},
      {{"trusted_proxy_header",
        "where trusted proxies put the client address: x-forwarded-for "
        "or forwarded"},
       one_of(&Config::trusted_proxy_header, "trusted_proxy_header",
              {"x-forwarded-for", "forwarded"})},
      {{"hsts_include_subdomains", "add includeSubDomains to HSTS (https:// endpoints)"},
       boolean(&Config::hsts_include_subdomains, "hsts_include_subdomains")},
      {{"rate_limit_window", "seconds over which the rate limits below count"},
       integer(&Config::rate_limit_window, "rate_limit_window", 1, 86400)},
      {{"client_auth_failures_per_client",
        "failed client authentications per client per window (0 = no limit)"},
       integer(&Config::client_auth_failures_per_client, "client_auth_failures_per_client", 0,
               1000000000)},
      {{"client_auth_failures_per_ip",
        "failed client authentications per client address per window (0 = no limit)"},
       integer(&Config::client_auth_failures_per_ip, "client_auth_failures_per_ip", 0, 1000000000)},
      {{"sign_in_attempts_per_ip",
        "sign-in and registration submissions per client address per window (0 = no limit)"},
       integer(&Config::sign_in_attempts_per_ip, "sign_in_attempts_per_ip", 0, 1000000000)},
      {{"verification_codes_per_ip",
        "verification codes sent per client address per window (0 = no limit)"},
       integer(&Config::verification_codes_per_ip, "verification_codes_per_ip", 0, 1000000000)},
  };
  return kEntries;
}

std::string env_name(std::string_view key) {
  std::string out = "LATCH_";
  for (char c : key) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::string toml_text(const toml::node& node) {
  if (const auto* array = node.as_array()) {  // list keys: the items, comma-separated
    std::string out;
    for (const auto& item : *array) out += (out.empty() ? "" : ",") + toml_text(item);
    return out;
  }
  if (auto s = node.value<std::string>()) return *s;
  if (auto i = node.value<std::int64_t>()) return std::to_string(*i);
  if (auto b = node.value<bool>()) return *b ? "true" : "false";
  return {};
}

Result<void> apply_file(Config& config, const std::string& path) {
  toml::parse_result parsed = toml::parse_file(path);
  if (!parsed) {
    return make_error(Errc::InvalidRequest,
                      path + ": " + std::string(parsed.error().description()) + " at line " +
                          std::to_string(parsed.error().source().begin.line));
  }
  for (auto&& [key, node] : parsed.table()) {
    auto applied = apply_config_value(config, key.str(), toml_text(node));
    if (!applied) {
      return make_error(Errc::InvalidRequest, path + ": " + applied.error().description);
    }
  }
  return ok();
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = [] {
    std::vector<ConfigKey> out;
    for (const auto& e : entries()) out.push_back(e.key);
    return out;
  }();
  return keys;
}

Result<void> apply_config_value(Config& config, std::string_view key, std::string_view value) {
  for (const auto& e : entries()) {
    if (e.key.name == key) return e.set(config, value);
  }
  return make_error(Errc::InvalidRequest, "unknown configuration key '" + std::string(key) + "'");
}

Result<Config> load_config(std::string file, const std::map<std::string, std::string>& env,
                           const std::map<std::string, std::string>& flags) {
  Config config;
  if (file.empty()) {
    if (auto it = env.find("LATCH_CONFIG"); it != env.end()) file = it->second;
  }
  if (file.empty() && std::filesystem::exists("latch.toml")) file = "latch.toml";
  if (!file.empty()) {
    if (auto r = apply_file(config, file); !r) return r.error();
  }
  for (const auto& e : entries()) {
    if (auto it = env.find(env_name(e.key.name)); it != env.end()) {
      if (auto r = e.set(config, it->second); !r) {
        return make_error(Errc::InvalidRequest,
                          env_name(e.key.name) + ": " + r.error().description);
      }
    }
  }
  for (const auto& [key, value] : flags) {
    if (auto r = apply_config_value(config, key, value); !r) return r.error();
  }
  if (config.endpoint.empty()) {
    config.endpoint = "http://localhost:" + std::to_string(config.port);
    config.endpoint_is_default = true;
  }
  std::filesystem::path dir(config.data_dir);
  if (config.database.empty()) config.database = (dir / "latch.db").string();
  if (config.master_key_file.empty()) config.master_key_file = (dir / "master.key").string();
  return config;
}

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    std::size_t eq = entry.find('=');
    if (eq != std::string_view::npos) out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return out;
}

}  // namespace latch
