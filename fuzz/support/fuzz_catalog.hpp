#pragma once

// The fixed catalog snapshot the OAuth fuzz targets run against: a public SPA, a confidential
// web app, a machine-to-machine app, and two API resources.

#include <string>
#include <utility>
#include <vector>

#include "crypto/hash.hpp"
#include "oidc/catalog.hpp"

namespace latch::fuzz {

inline constexpr std::string_view kWebSecret = "web-secret";
inline constexpr std::string_view kM2mSecret = "m2m-secret";

inline const oidc::CatalogSnapshot& fuzz_catalog() {
  static const oidc::CatalogSnapshot catalog = [] {
    oidc::CatalogSnapshot out;
    auto add = [&out](std::string id, model::AppType type, std::vector<std::string> redirects,
                      std::string_view secret) {
      oidc::ClientEntry entry;
      entry.app.id = id;
      entry.app.type = type;
      entry.app.redirect_uris = std::move(redirects);
      if (!secret.empty()) {
        entry.secrets.push_back({.name = "Default secret", .sha256 = crypto::sha256(secret)});
      }
      out.clients.emplace(std::move(id), std::move(entry));
    };
    add("spa-app", model::AppType::Spa,
        {"https://spa.example/callback", "http://localhost:3000/callback"}, "");
    add("web-app", model::AppType::Traditional, {"https://web.example/cb"}, kWebSecret);
    add("m2m-app", model::AppType::MachineToMachine, {}, kM2mSecret);
    for (const char* indicator : {"https://api.example.com", "https://billing.example/api"}) {
      model::Resource resource;
      resource.id = indicator;
      resource.indicator = indicator;
      out.resources.emplace(indicator, std::move(resource));
    }
    return out;
  }();
  return catalog;
}

}  // namespace latch::fuzz
