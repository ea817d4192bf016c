#pragma once

#include <cstdint>
#include <string>
#include <tuple>

#include "model/application.hpp"
#include "model/oidc_artifacts.hpp"
#include "model/resource.hpp"
#include "model/role.hpp"
#include "model/signing_key.hpp"
#include "model/user.hpp"

// Sample rows with every field set to a non-default value, so a round trip that drops a field
// fails; and fields() tuples to compare them with EXPECT_EQ (the models have no operator==).
namespace latch::storage::test {

model::Application sample_application(const std::string& id, std::int64_t created_at = 1000);
model::Resource sample_resource(const std::string& id, const std::string& indicator,
                                std::int64_t created_at = 1000);
model::Scope sample_scope(const std::string& id, const std::string& resource_id,
                          const std::string& name);
model::SigningKey sample_key(const std::string& kid, const std::string& alg,
                             std::int64_t created_at = 1000);
model::User sample_user(const std::string& id, std::int64_t created_at = 1000);
model::BrowserSession sample_session(const std::string& id_hash, const std::string& user_id);
model::Interaction sample_interaction(const std::string& uid, const std::string& client_id);
model::Grant sample_grant(const std::string& id, const std::string& user_id,
                          const std::string& client_id);
model::AuthorizationCode sample_code(const std::string& code_hash, const model::Grant& grant);
model::RefreshToken sample_refresh_token(const std::string& token_hash, const model::Grant& grant);
model::OpaqueAccessToken sample_access_token(const std::string& token_hash,
                                             const model::Grant& grant);

inline auto fields(const model::Application& a) {
  return std::tie(a.id, a.name, a.description, a.type, a.redirect_uris, a.post_logout_redirect_uris,
                  a.cors_allowed_origins, a.is_third_party, a.id_token_signed_response_alg,
                  a.custom_data_json, a.created_at, a.is_device_flow,
                  a.require_pushed_authorization_requests, a.allow_token_exchange,
                  a.backchannel_logout_uri, a.backchannel_logout_session_required);
}
inline auto fields(const model::Scope& s) {
  return std::tie(s.id, s.resource_id, s.name, s.description, s.created_at);
}
inline auto fields(const model::Resource& r) {
  return std::tie(r.id, r.name, r.indicator, r.access_token_ttl, r.is_default, r.created_at,
                  r.custom_data);
}
inline auto fields(const model::Role& r) {
  return std::tie(r.id, r.name, r.description, r.type, r.is_default, r.created_at);
}
inline auto fields(const model::SigningKey& k) {
  return std::tie(k.kid, k.alg, k.sealed_private_key, k.public_jwk_json, k.status, k.created_at,
                  k.retire_at);
}
inline auto fields(const model::User& u) {
  return std::tie(u.id, u.username, u.primary_email, u.primary_phone, u.name, u.avatar,
                  u.password_hash, u.password_algorithm, u.profile_json, u.custom_data_json,
                  u.identities_json, u.is_suspended, u.last_sign_in_at, u.created_at, u.updated_at);
}
inline auto fields(const model::BrowserSession& s) {
  return std::tie(s.id_hash, s.user_id, s.auth_time, s.created_at, s.expires_at, s.amr);
}
inline auto fields(const model::Interaction& i) {
  return std::tie(i.uid, i.client_id, i.params_json, i.state_json, i.user_id, i.auth_time,
                  i.created_at, i.expires_at);
}
inline auto fields(const model::Grant& g) {
  return std::tie(g.id, g.user_id, g.client_id, g.scope, g.resources, g.session_id_hash,
                  g.created_at, g.expires_at, g.revoked, g.amr);
}
inline auto fields(const model::AuthorizationCode& c) {
  return std::tie(c.code_hash, c.grant_id, c.client_id, c.user_id, c.redirect_uri, c.scope,
                  c.resources, c.nonce, c.code_challenge, c.auth_time, c.created_at, c.expires_at,
                  c.consumed_at, c.dpop_jkt);
}
inline auto fields(const model::RefreshToken& t) {
  return std::tie(t.token_hash, t.grant_id, t.client_id, t.user_id, t.scope, t.resources,
                  t.auth_time, t.created_at, t.expires_at, t.consumed_at);
}
inline auto fields(const model::OpaqueAccessToken& t) {
  return std::tie(t.token_hash, t.grant_id, t.client_id, t.user_id, t.scope, t.created_at,
                  t.expires_at);
}

}  // namespace latch::storage::test
