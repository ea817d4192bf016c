#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// RFC 9126 §2.2: the request_uri of a pushed request is this URN and a random value.
inline constexpr std::string_view kRequestUriPrefix = "urn:ietf:params:oauth:request_uri:";
// The key of every refusal of a request_uri at the authorization endpoint (its page explains).
inline constexpr std::string_view kInvalidRequestUriKey = "oidc.invalid_request_uri";

// Pushed authorization requests (RFC 9126), kept in the database so that any node can redeem
// them. Blocking: call on the blocking pool. Thread-safe.
class PushedRequests {
 public:
  // `ttl`: seconds a request lives (Config::pushed_request_ttl; RFC 9126 §2.2 asks for "a short
  // lifetime", its examples and node-oidc-provider use 60): long enough for a browser redirect.
  PushedRequests(storage::Store& store, const Clock& clock, std::int64_t ttl)
      : store_(store), clock_(clock), ttl_(ttl) {}

  std::int64_t ttl() const { return ttl_; }
  // Stores `params` (an authorization request already validated for `client_id`) for ttl()
  // seconds; returns its request_uri, whose random part only the client learns
  // (the database keeps its SHA-256 hash).
  [[nodiscard]] Result<std::string> push(const std::string& client_id,
                                         const http::Params& params) const;

  // RFC 9126 §4, RFC 9101 §6.2: the parameters pushed under `request_uri`, consumed by this call,
  // so that a request_uri works once. InvalidRequestUri (keyed kInvalidRequestUriKey) when it is
  // not one Latch issued, unknown, already used, expired, or pushed by a client other than
  // `client_id`.
  [[nodiscard]] Result<http::Params> redeem(std::string_view request_uri,
                                            std::string_view client_id) const;

 private:
  storage::Store& store_;
  const Clock& clock_;
  std::int64_t ttl_;
};

}  // namespace latch::oidc
