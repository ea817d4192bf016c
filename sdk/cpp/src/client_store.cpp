#include "client_store.hpp"

#include <boost/json.hpp>

namespace latch::detail {
namespace {

namespace json = boost::json;

std::optional<json::object> parse_object(const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  json::value value = json::parse(*text, ec);
  if (ec || !value.is_object()) {
    return std::nullopt;
  }
  return std::move(value.as_object());
}

std::string string_at(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

}  // namespace

std::optional<SignInSession> ClientStore::sign_in_session() {
  auto object = parse_object(storage_.get(kSignInSessionKey));
  if (!object) {
    return std::nullopt;
  }
  SignInSession session{string_at(*object, "redirectUri"), string_at(*object, "codeVerifier"),
                        string_at(*object, "state"), string_at(*object, "nonce")};
  if (session.redirect_uri.empty() || session.code_verifier.empty() || session.state.empty()) {
    return std::nullopt;
  }
  return session;
}

void ClientStore::set_sign_in_session(const SignInSession& session) {
  json::object object{{"redirectUri", session.redirect_uri},
                      {"codeVerifier", session.code_verifier},
                      {"state", session.state},
                      {"nonce", session.nonce}};
  storage_.set(kSignInSessionKey, json::serialize(object));
}

std::optional<StoredAccessToken> ClientStore::access_token(const std::string& resource) {
  json::object map = access_token_map();
  const json::value* entry = map.if_contains(resource);
  if (!entry || !entry->is_object()) {
    return std::nullopt;
  }
  StoredAccessToken out{string_at(entry->as_object(), "token"), 0};
  const json::value* expires = entry->as_object().if_contains("expiresAt");
  if (out.token.empty() || !expires || !expires->is_number()) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  out.expires_at = expires->to_number<std::int64_t>(ec);
  if (ec) {
    return std::nullopt;
  }
  return out;
}

void ClientStore::set_access_token(const std::string& resource, StoredAccessToken token) {
  json::object map = access_token_map();
  map[resource] = json::object{{"token", std::move(token.token)}, {"expiresAt", token.expires_at}};
  storage_.set(kAccessTokenMapKey, json::serialize(map));
}

void ClientStore::clear() {
  for (auto key : {kSignInSessionKey, kIdTokenKey, kRefreshTokenKey, kAccessTokenMapKey}) {
    storage_.remove(key);
  }
}

std::optional<std::string> ClientStore::non_empty(std::string_view key) {
  auto value = storage_.get(key);
  if (!value || value->empty()) {
    return std::nullopt;
  }
  return value;
}

json::object ClientStore::access_token_map() {
  auto object = parse_object(storage_.get(kAccessTokenMapKey));
  return object ? std::move(*object) : json::object();
}

}  // namespace latch::detail
