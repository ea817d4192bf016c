#include "storage/samples.hpp"

namespace latch::storage::test {

model::Application sample_application(const std::string& id, std::int64_t created_at) {
  model::Application app;
  app.id = id;
  app.name = "App " + id;
  app.description = "The app called " + id;
  app.type = model::AppType::Spa;
  app.redirect_uris = {"https://" + id + ".example/callback", "http://localhost:3000/cb"};
  app.post_logout_redirect_uris = {"https://" + id + ".example/bye"};
  app.cors_allowed_origins = {"https://" + id + ".example", "https://\"quoted\".example"};
  app.is_third_party = true;
  app.is_device_flow = true;        // round-trips whatever the type; the service checks it
  app.allow_token_exchange = true;  // likewise (third-party apps may not; the service checks)
  app.id_token_signed_response_alg = "ES384";
  app.custom_data_json = R"({"tier":"gold"})";
  app.created_at = created_at;
  app.backchannel_logout_uri = "https://" + id + ".example/backchannel";
  app.backchannel_logout_session_required = true;
  return app;
}

model::Resource sample_resource(const std::string& id, const std::string& indicator,
                                std::int64_t created_at) {
  model::Resource resource;
  resource.id = id;
  resource.name = "Resource " + id;
  resource.indicator = indicator;
  resource.access_token_ttl = 7200;
  resource.is_default = false;
  resource.created_at = created_at;
  resource.custom_data = R"({"tier":"gold"})";
  return resource;
}

model::Scope sample_scope(const std::string& id, const std::string& resource_id,
                          const std::string& name) {
  return model::Scope{id, resource_id, name, "Allows " + name, 1500};
}

model::SigningKey sample_key(const std::string& kid, const std::string& alg,
                             std::int64_t created_at) {
  model::SigningKey key;
  key.kid = kid;
  key.alg = alg;
  key.sealed_private_key = "v1.private-" + kid;
  key.public_jwk_json = R"({"kty":"EC","kid":")" + kid + R"("})";
  key.status = model::KeyStatus::Current;
  key.created_at = created_at;
  key.retire_at = 0;
  return key;
}

model::User sample_user(const std::string& id, std::int64_t created_at) {
  model::User user;
  user.id = id;
  user.username = "User_" + id;
  user.primary_email = "Mail." + id + "@Example.COM";
  user.primary_phone = "+1555" + id;
  user.name = "Name of " + id;
  user.avatar = "https://avatars.example/" + id + ".png";
  user.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
  user.profile_json = R"({"familyName":"Doe"})";
  user.custom_data_json = R"({"plan":"pro"})";
  user.identities_json = R"({"github":{"userId":"gh-)" + id + R"("}})";
  user.is_suspended = true;
  user.last_sign_in_at = created_at + 5;
  user.created_at = created_at;
  user.updated_at = created_at + 10;
  return user;
}

model::BrowserSession sample_session(const std::string& id_hash, const std::string& user_id) {
  return model::BrowserSession{id_hash, user_id, 111, 100, 900, "pwd otp mfa"};
}

model::Interaction sample_interaction(const std::string& uid, const std::string& client_id) {
  model::Interaction i;
  i.uid = uid;
  i.client_id = client_id;
  i.params_json = R"({"response_type":"code","scope":"openid"})";
  i.state_json = R"({"step":"identifier"})";
  i.user_id = std::nullopt;
  i.auth_time = 0;
  i.created_at = 100;
  i.expires_at = 700;
  return i;
}

model::Grant sample_grant(const std::string& id, const std::string& user_id,
                          const std::string& client_id) {
  model::Grant g;
  g.id = id;
  g.user_id = user_id;
  g.client_id = client_id;
  g.scope = "openid profile offline_access";
  g.resources = "https://api.example";
  g.session_id_hash = "session-hash-" + id;
  g.created_at = 100;
  g.expires_at = 100000;
  g.revoked = false;
  g.amr = "pwd otp mfa";
  return g;
}

model::AuthorizationCode sample_code(const std::string& code_hash, const model::Grant& grant) {
  model::AuthorizationCode c;
  c.code_hash = code_hash;
  c.grant_id = grant.id;
  c.client_id = grant.client_id;
  c.user_id = grant.user_id;
  c.redirect_uri = "https://app.example/callback";
  c.scope = "openid profile";
  c.resources = "https://api.example";
  c.nonce = "n-0S6_WzA2Mj";
  c.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  c.auth_time = 90;
  c.created_at = 100;
  c.expires_at = 160;
  c.consumed_at = 0;
  c.dpop_jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
  return c;
}

model::RefreshToken sample_refresh_token(const std::string& token_hash, const model::Grant& grant) {
  model::RefreshToken t;
  t.token_hash = token_hash;
  t.grant_id = grant.id;
  t.client_id = grant.client_id;
  t.user_id = grant.user_id;
  t.scope = "openid offline_access";
  t.resources = "https://api.example";
  t.auth_time = 90;
  t.created_at = 100;
  t.expires_at = 1209700;
  t.consumed_at = 0;
  return t;
}

model::OpaqueAccessToken sample_access_token(const std::string& token_hash,
                                             const model::Grant& grant) {
  model::OpaqueAccessToken t;
  t.token_hash = token_hash;
  t.grant_id = grant.id;
  t.client_id = grant.client_id;
  t.user_id = grant.user_id;
  t.scope = "openid profile";
  t.created_at = 100;
  t.expires_at = 3700;
  return t;
}

}  // namespace latch::storage::test
