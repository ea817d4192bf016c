#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "model/oidc_artifacts.hpp"

namespace latch::storage {

// An authorization request a client pushed (RFC 9126 §2), waiting for the browser to bring its
// request_uri to the authorization endpoint. Plain data.
struct PushedRequest {
  std::string request_uri_hash;  // SHA-256 of the request_uri's random part, base64url
  std::string client_id;
  // The authorization request's parameters, as a JSON object of name → array of values (the
  // request object's claims once verified, for a JAR push).
  std::string params_json;
  std::int64_t created_at = 0;   // epoch seconds
  std::int64_t expires_at = 0;   // epoch seconds
  std::int64_t consumed_at = 0;  // epoch seconds; 0 while unused
};

// Pushed authorization requests, shared by every node. Same rules as repositories.hpp: obtained
// from a Tx, valid inside it, one thread.
class PushedRequestRepository {
 public:
  virtual ~PushedRequestRepository() = default;
  // Stores a new request. Conflict when the hash is already stored; NotFound when the client
  // does not exist.
  [[nodiscard]] virtual Result<void> insert(const PushedRequest& request) = 0;
  // Marks the request consumed at `now` (epoch seconds, positive) with one conditional update,
  // atomic across nodes: Consumed for the first caller, AlreadyConsumed for every later one,
  // NotFound when no row holds the hash. Expiry is the caller's to check.
  [[nodiscard]] virtual Result<model::Consumed<PushedRequest>> consume(
      std::string_view request_uri_hash, std::int64_t now) = 0;
};

}  // namespace latch::storage
