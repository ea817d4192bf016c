#include "provider.hpp"

#include <boost/json/parse.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "latch/error.hpp"

namespace latch::detail {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

// Tokens naming unknown keys refetch a JWKS at most kMissRefetches times per kMissWindow: a
// rotation is found at once, a flood of made-up kids does not hammer the server.
constexpr auto kMissWindow = std::chrono::seconds(5);
constexpr std::size_t kMissRefetches = 3;

struct DiscoveryEntry {
  std::shared_ptr<const ProviderMetadata> metadata;
  Clock::time_point expires;
};

struct JwksEntry {
  std::shared_ptr<const json::array> keys;
  Clock::time_point expires;
  std::vector<Clock::time_point> miss_fetches;  // refetches for unknown kids in kMissWindow
};

// The process-wide caches (thread-safe through `mutex`).
struct Caches {
  std::mutex mutex;
  std::map<std::string, DiscoveryEntry, std::less<>> discovery;
  std::map<std::string, JwksEntry, std::less<>> jwks;
};

Caches& caches() {
  static Caches instance;
  return instance;
}

std::string trim_slashes(std::string text) {
  while (!text.empty() && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

std::string string_member(const json::object& doc, std::string_view name, bool required,
                          const std::string& url) {
  const json::value* value = doc.if_contains(name);
  if (value && value->is_string() && !value->as_string().empty()) {
    return std::string(value->as_string());
  }
  if (required) {
    throw Error(Errc::discovery_failed,
                "the OpenID configuration at " + url + " has no " + std::string(name));
  }
  return {};
}

// OIDC Discovery §4.3: the issuer must be the one we asked about.
ProviderMetadata parse_metadata(const HttpResponse& res, const std::string& endpoint,
                                const std::string& url) {
  if (res.status != 200) {
    throw Error(Errc::discovery_failed,
                "the OpenID configuration at " + url + " answered " + std::to_string(res.status));
  }
  boost::system::error_code ec;
  json::value doc = json::parse(res.body, ec);
  if (ec || !doc.is_object()) {
    throw Error(Errc::discovery_failed, "the OpenID configuration at " + url + " is not JSON");
  }
  const json::object& o = doc.as_object();
  ProviderMetadata m;
  m.issuer = string_member(o, "issuer", true, url);
  const std::string expected = endpoint + "/oidc";
  if (m.issuer != expected) {
    throw Error(Errc::discovery_failed,
                "the OpenID configuration names issuer " + m.issuer + ", expected " + expected);
  }
  m.authorization_endpoint = string_member(o, "authorization_endpoint", true, url);
  m.token_endpoint = string_member(o, "token_endpoint", true, url);
  m.jwks_uri = string_member(o, "jwks_uri", true, url);
  m.userinfo_endpoint = string_member(o, "userinfo_endpoint", false, url);
  m.end_session_endpoint = string_member(o, "end_session_endpoint", false, url);
  m.revocation_endpoint = string_member(o, "revocation_endpoint", false, url);
  return m;
}

// RFC 7517 §5: {"keys": [...]}.
std::shared_ptr<const json::array> parse_jwks(const HttpResponse& res, const std::string& url) {
  if (res.status != 200) {
    throw Error(Errc::unexpected_response,
                "the JWKS at " + url + " answered " + std::to_string(res.status));
  }
  boost::system::error_code ec;
  json::value doc = json::parse(res.body, ec);
  const json::value* keys = !ec && doc.is_object() ? doc.as_object().if_contains("keys") : nullptr;
  if (!keys || !keys->is_array()) {
    throw Error(Errc::unexpected_response, "the JWKS at " + url + " is not a key set");
  }
  return std::make_shared<const json::array>(keys->as_array());
}

// The key named `kid` (an empty kid matches a set of exactly one key), sharing the set's
// lifetime.
std::shared_ptr<const json::object> key_in(const std::shared_ptr<const json::array>& keys,
                                           std::string_view kid) {
  if (!keys) {
    return nullptr;
  }
  if (kid.empty()) {
    return keys->size() == 1 && keys->at(0).is_object()
               ? std::shared_ptr<const json::object>(keys, &keys->at(0).as_object())
               : nullptr;
  }
  for (const json::value& key : *keys) {
    const json::value* id = key.is_object() ? key.as_object().if_contains("kid") : nullptr;
    if (id && id->is_string() && id->as_string() == kid) {
      return std::shared_ptr<const json::object>(keys, &key.as_object());
    }
  }
  return nullptr;
}

// What the cache says about `kid` now: the key, or whether a fetch is due.
struct Lookup {
  std::shared_ptr<const json::object> key;
  std::shared_ptr<const json::array> cached;  // the set we hold, even when stale
  bool fetch = false;
};

Lookup look_up(const std::string& jwks_uri, std::string_view kid) {
  Caches& c = caches();
  std::lock_guard lock(c.mutex);
  auto it = c.jwks.find(jwks_uri);
  if (it == c.jwks.end()) {
    return {.fetch = true};
  }
  JwksEntry& entry = it->second;
  const auto now = Clock::now();
  Lookup out{.key = key_in(entry.keys, kid), .cached = entry.keys};
  if (now >= entry.expires) {
    out.fetch = true;
  } else if (!out.key) {
    // An unknown kid: refetch (the key may have been rotated in), but not for every bad token.
    std::erase_if(entry.miss_fetches, [&](Clock::time_point t) { return now - t >= kMissWindow; });
    out.fetch = entry.miss_fetches.size() < kMissRefetches;
    if (out.fetch) {
      entry.miss_fetches.push_back(now);
    }
  }
  return out;
}

void store_jwks(const std::string& jwks_uri, std::shared_ptr<const json::array> keys,
                std::chrono::seconds ttl) {
  Caches& c = caches();
  std::lock_guard lock(c.mutex);
  JwksEntry& entry = c.jwks[jwks_uri];
  entry.keys = std::move(keys);
  entry.expires = Clock::now() + ttl;
}

}  // namespace

boost::asio::awaitable<std::shared_ptr<const ProviderMetadata>> discover(std::string endpoint,
                                                                         TransportOptions options,
                                                                         std::chrono::seconds ttl) {
  endpoint = trim_slashes(std::move(endpoint));
  if (endpoint.empty()) {
    throw Error(Errc::invalid_config, "the endpoint is empty");
  }
  {
    Caches& c = caches();
    std::lock_guard lock(c.mutex);
    auto it = c.discovery.find(endpoint);
    if (it != c.discovery.end() && Clock::now() < it->second.expires) {
      co_return it->second.metadata;
    }
  }
  const std::string url = endpoint + "/oidc/.well-known/openid-configuration";
  HttpRequest request{.url = url, .headers = {{"Accept", "application/json"}}};
  HttpResponse res = co_await fetch(std::move(request), options);
  auto metadata = std::make_shared<const ProviderMetadata>(parse_metadata(res, endpoint, url));
  {
    Caches& c = caches();
    std::lock_guard lock(c.mutex);
    c.discovery[endpoint] = {.metadata = metadata, .expires = Clock::now() + ttl};
  }
  co_return metadata;
}

boost::asio::awaitable<std::shared_ptr<const boost::json::object>> find_jwk(
    std::string jwks_uri, std::string kid, TransportOptions options, std::chrono::seconds ttl) {
  Lookup first = look_up(jwks_uri, kid);
  if (!first.fetch) {
    co_return first.key;
  }
  std::shared_ptr<const json::array> keys;
  try {
    HttpRequest request{.url = jwks_uri, .headers = {{"Accept", "application/json"}}};
    HttpResponse res = co_await fetch(std::move(request), options);
    keys = parse_jwks(res, jwks_uri);
  } catch (const Error&) {
    // The server is unreachable or answers nonsense: a key we still hold keeps verifying.
    if (first.key) {
      co_return first.key;
    }
    throw;
  }
  store_jwks(jwks_uri, keys, ttl);
  co_return key_in(keys, kid);
}

}  // namespace latch::detail
