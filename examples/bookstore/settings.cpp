#include "settings.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "latch/organizations.hpp"

namespace bookstore {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::optional<unsigned short> parse_port(const std::string& text) {
  unsigned port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535) {
    return std::nullopt;
  }
  return static_cast<unsigned short>(port);
}

std::optional<std::string> parse_hex_key(const std::string& hex) {
  if (hex.size() != 64) {
    return std::nullopt;
  }
  std::string key(32, '\0');
  for (std::size_t i = 0; i < key.size(); ++i) {
    unsigned byte = 0;
    auto [end, ec] = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, byte, 16);
    if (ec != std::errc() || end != hex.data() + 2 * i + 2) {
      return std::nullopt;
    }
    key[i] = static_cast<char>(byte);
  }
  return key;
}

std::string random_key() {
  std::string key(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), 32) != 1) {
    return {};
  }
  return key;
}

// Logto's organization scopes, and read:books as the organization template's permission: an
// organization token carries it when the user's role in that organization grants it.
void ask_for_organizations(latch::Config& config) {
  for (const char* scope :
       {latch::kOrganizationsScope, latch::kOrganizationRolesScope, "read:books"}) {
    if (std::find(config.scopes.begin(), config.scopes.end(), scope) == config.scopes.end()) {
      config.scopes.emplace_back(scope);
    }
  }
}

}  // namespace

SettingsOrError settings_from_env() {
  Settings s;
  s.latch.endpoint = env("LATCH_ENDPOINT");
  s.latch.app_id = env("LATCH_APP_ID");
  s.latch.app_secret = env("LATCH_APP_SECRET");
  for (const char* name : {"LATCH_ENDPOINT", "LATCH_APP_ID", "LATCH_APP_SECRET"}) {
    if (env(name).empty()) {
      return {.error = std::string(name) + " is not set (see README: Run the Bookstore sample)"};
    }
  }
  while (s.latch.endpoint.ends_with('/')) {
    s.latch.endpoint.pop_back();
  }
  if (std::string port = env("PORT"); !port.empty()) {
    auto parsed = parse_port(port);
    if (!parsed) {
      return {.error = "PORT must be a number from 1 to 65535, not \"" + port + "\""};
    }
    s.port = *parsed;
  }
  s.base_url = env("BOOKSTORE_BASE_URL");
  if (s.base_url.empty()) {
    s.base_url = "http://localhost:" + std::to_string(s.port);
  }
  while (s.base_url.ends_with('/')) {
    s.base_url.pop_back();
  }
  s.latch.scopes = {"email"};
  s.api_resource = env("BOOKSTORE_API_RESOURCE");
  if (!s.api_resource.empty()) {
    s.latch.resources = {s.api_resource};
    s.latch.scopes.push_back("read:books");
  }
  if (std::string flag = env("BOOKSTORE_ORGANIZATIONS"); !flag.empty()) {
    if (flag != "0" && flag != "1") {
      return {.error = "BOOKSTORE_ORGANIZATIONS must be 1 (on) or 0 (off)"};
    }
    s.organizations = flag == "1";
  }
  if (s.organizations) {
    ask_for_organizations(s.latch);
  }
  if (std::string hex = env("BOOKSTORE_COOKIE_KEY"); !hex.empty()) {
    auto key = parse_hex_key(hex);
    if (!key) {
      return {.error = "BOOKSTORE_COOKIE_KEY must be 64 hex digits (32 bytes)"};
    }
    s.cookie_key = *key;
  } else {
    s.cookie_key = random_key();
  }
  if (s.cookie_key.size() != 32) {
    return {.error = "cannot draw a random cookie key"};
  }
  return {.settings = std::move(s)};
}

}  // namespace bookstore
