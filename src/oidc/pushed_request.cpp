#include "oidc/pushed_request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"

namespace latch::oidc {
namespace {

Error invalid_request_uri(std::string description) {
  Error error = make_error(Errc::InvalidRequestUri, std::move(description));
  return with_key(std::move(error), kInvalidRequestUriKey);
}

// {"name": ["value", ...], ...}: repeated parameters (resource) keep every value.
std::string params_to_json(const http::Params& params) {
  boost::json::object out;
  for (const auto& [name, value] : params.items()) {
    auto& slot = out[name];
    if (!slot.is_array()) slot = boost::json::array();
    slot.as_array().emplace_back(value);
  }
  return boost::json::serialize(out);
}

Result<http::Params> params_from_json(std::string_view text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return make_error(Errc::Internal, "stored request is malformed");
  http::Params params;
  for (const auto& [name, values] : value.as_object()) {
    if (!values.is_array()) continue;
    for (const auto& v : values.as_array()) {
      if (v.is_string()) params.add(std::string(name), std::string(v.as_string()));
    }
  }
  return params;
}

}  // namespace

Result<std::string> PushedRequests::push(const std::string& client_id,
                                         const http::Params& params) const {
  std::string random = crypto::random_token(32);
  std::int64_t now = clock_.now_seconds();
  storage::PushedRequest row{.request_uri_hash = crypto::token_hash(random),
                             .client_id = client_id,
                             .params_json = params_to_json(params),
                             .created_at = now,
                             .expires_at = now + ttl_};
  auto stored = store_.transact(
      [&](storage::Tx& tx) -> Result<void> { return tx.pushed_requests().insert(row); });
  if (!stored) return stored.error();
  return std::string(kRequestUriPrefix) + random;
}

Result<http::Params> PushedRequests::redeem(std::string_view request_uri,
                                            std::string_view client_id) const {
  if (!request_uri.starts_with(kRequestUriPrefix) ||
      request_uri.size() == kRequestUriPrefix.size()) {
    return invalid_request_uri(
        "request_uri must be one the pushed authorization request "
        "endpoint issued");
  }
  std::string hash = crypto::token_hash(request_uri.substr(kRequestUriPrefix.size()));
  std::int64_t now = clock_.now_seconds();
  model::Consumed<storage::PushedRequest> consumed;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto result = tx.pushed_requests().consume(hash, now);
    if (!result) return result.error();
    consumed = std::move(*result);
    return ok();
  });
  if (!done) return done.error();
  using model::ConsumeOutcome;
  if (consumed.outcome == ConsumeOutcome::NotFound) {
    return invalid_request_uri("request_uri is unknown or has expired");
  }
  if (consumed.outcome == ConsumeOutcome::AlreadyConsumed) {
    return invalid_request_uri("request_uri was already used");
  }
  if (consumed.value->expires_at <= now) return invalid_request_uri("request_uri has expired");
  if (consumed.value->client_id != client_id) {
    return invalid_request_uri("request_uri was pushed by another client");
  }
  return params_from_json(consumed.value->params_json);
}

}  // namespace latch::oidc
