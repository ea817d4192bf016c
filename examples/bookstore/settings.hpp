#pragma once

#include <optional>
#include <string>

#include "latch/config.hpp"

namespace bookstore {

// What the sample reads from its environment (see README "Run the Bookstore sample").
struct Settings {
  latch::Config latch;         // LATCH_ENDPOINT, LATCH_APP_ID, LATCH_APP_SECRET
  unsigned short port = 3000;  // PORT
  std::string base_url;        // BOOKSTORE_BASE_URL, default http://localhost:PORT
  std::string api_resource;    // BOOKSTORE_API_RESOURCE: the sample's API; empty = no API call
  std::string cookie_key;      // 32 bytes: BOOKSTORE_COOKIE_KEY (64 hex digits) or random
  // BOOKSTORE_ORGANIZATIONS=1: the sign-in asks for the organizations claims and read:books,
  // and /me gets the organization switcher (organization tokens for /api/books).
  bool organizations = false;

  std::string redirect_uri() const { return base_url + "/callback"; }
  std::string post_sign_out_uri() const { return base_url + "/"; }
  bool secure_cookies() const { return base_url.starts_with("https://"); }
};

// Reads the settings; an error message (naming the variable) when one is missing or malformed.
struct SettingsOrError {
  std::optional<Settings> settings;
  std::string error;
};
SettingsOrError settings_from_env();

}  // namespace bookstore
