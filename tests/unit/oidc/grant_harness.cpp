#include "unit/oidc/grant_harness.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/jws.hpp"
#include "crypto/random.hpp"
#include "support/test_store.hpp"

namespace latch::test {
namespace {

template <class T>
T must(Result<T> result, const char* what) {
  if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().description);
  return std::move(*result);
}

void must(Result<void> result, const char* what) {
  if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().description);
}

struct SigningKeys {
  TempDir dir = TempDir::in_memory();
  crypto::SecretBox secrets{std::string(32, 'm')};
  std::unique_ptr<storage::Store> store = open_test_store(dir.path());
  oidc::KeyStore keys{secrets};

  SigningKeys() {
    must(oidc::KeyService(*store, secrets).ensure_keys(1'700'000'000), "make signing keys");
    must(keys.reload(*store, 1'700'000'000), "load signing keys");
  }
};

model::Application app(const std::string& id, model::AppType type) {
  model::Application a;
  a.id = id;
  a.name = id;
  a.type = type;
  a.redirect_uris = {kCallback};
  return a;
}

model::Resource api() {
  model::Resource r;
  r.id = "api";
  r.indicator = kApi;
  for (const char* name : {"read", "write"})
    r.scopes.push_back({.id = std::string("api-") + name, .resource_id = r.id, .name = name});
  return r;
}

}  // namespace

const oidc::KeyStore& test_signing_keys() {
  static SigningKeys keys;
  return keys.keys;
}

boost::json::object verified_payload(const std::string& jwt) {
  auto snapshot = test_signing_keys().snapshot();
  auto verified =
      crypto::verify_jwt(jwt, [&](std::string_view kid) { return snapshot->verifier(kid); });
  if (!verified) {
    ADD_FAILURE() << verified.error().description;
    return {};
  }
  return verified->payload;
}

GrantHarness::GrantHarness()
    : store_(open_test_store(dir_.path())), tokens_(config_, test_signing_keys(), clock_) {
  config_.endpoint = "https://id.example";
  must(store_->transact([&](storage::Tx& tx) -> Result<void> {
    for (auto [id, type] :
         {std::pair{"web", model::AppType::Traditional}, std::pair{"spa", model::AppType::Spa},
          std::pair{"other", model::AppType::Traditional},
          std::pair{"tv", model::AppType::Native}}) {
      model::Application a = app(id, type);
      a.is_device_flow = a.id == "tv";
      a.allow_token_exchange = a.id == "web";
      if (auto r = tx.applications().insert(a); !r) return r;
      catalog_.clients.emplace(id, oidc::ClientEntry{a, {}});
    }
    // Every user the harness makes holds a default role granting read and write of the API.
    if (auto r = tx.resources().insert(api()); !r) return r;
    model::Role readers{
        .id = "api-users", .name = "API users", .type = model::RoleType::User, .is_default = true};
    if (auto r = tx.roles().insert(readers); !r) return r;
    return tx.roles().add_scopes("api-users", {"api-read", "api-write"});
  }),
       "insert the apps and the API");
  catalog_.resources.emplace(kApi, api());
}

GrantHarness::~GrantHarness() = default;

model::Grant GrantHarness::insert_grant(const GrantSpec& spec) {
  model::User user;
  user.id = crypto::random_id(12);
  user.username = "user_" + user.id;
  user.is_suspended = spec.suspended_user;
  std::int64_t now = clock_.now_seconds();
  model::Grant grant{crypto::random_id(21),
                     user.id,
                     spec.client_id,
                     spec.scope,
                     spec.resources,
                     "",
                     now,
                     now + spec.expires_in,
                     false,
                     ""};
  must(store_->transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = tx.users().insert(user); !r) return r;
    return tx.grants().insert(grant);
  }),
       "insert the grant");
  return grant;
}

Issued GrantHarness::issue_code(const CodeSpec& spec) {
  model::Grant grant = insert_grant(spec.grant);
  std::string code = crypto::random_token(32);
  std::int64_t now = clock_.now_seconds();
  model::AuthorizationCode stored{crypto::token_hash(code),
                                  grant.id,
                                  grant.client_id,
                                  grant.user_id,
                                  spec.redirect_uri,
                                  grant.scope,
                                  grant.resources,
                                  spec.nonce,
                                  spec.code_challenge,
                                  spec.auth_time,
                                  now,
                                  now + spec.expires_in,
                                  0,
                                  spec.dpop_jkt};
  must(store_->transact([&](storage::Tx& tx) { return tx.codes().insert(stored); }),
       "insert the code");
  return {code, grant.id, grant.user_id};
}

Issued GrantHarness::issue_refresh_token(const GrantSpec& spec, std::int64_t expires_in) {
  model::Grant grant = insert_grant(spec);
  std::string token = crypto::random_token(32);
  std::int64_t now = clock_.now_seconds();
  model::RefreshToken stored{crypto::token_hash(token),
                             grant.id,
                             grant.client_id,
                             grant.user_id,
                             grant.scope,
                             grant.resources,
                             1'699'999'000,
                             now,
                             now + expires_in,
                             0};
  must(store_->transact([&](storage::Tx& tx) { return tx.refresh_tokens().insert(stored); }),
       "insert the refresh token");
  return {token, grant.id, grant.user_id};
}

void GrantHarness::reload_issuance_rules() {
  auto read =
      store_->read([&](storage::Tx& tx) { return oidc::read_issuance_rules(tx, catalog_); });
  EXPECT_TRUE(read) << (read ? "" : read.error().description);
}

Result<oidc::TokenResponse> GrantHarness::run(oidc::Grant& grant, const std::string& client_id,
                                              const oidc::TokenRequest& request) {
  oidc::AuthenticatedClient client{
      catalog_.client(client_id), oidc::ClientAuthMethod::SecretBasic, {}};
  return grant.handle(oidc::GrantContext{request, client, catalog_});
}

std::optional<model::Grant> GrantHarness::find_grant(const std::string& id) {
  std::optional<model::Grant> out;
  must(store_->read([&](storage::Tx& tx) -> Result<void> {
    out = must(tx.grants().find(id), "find grant");
    return ok();
  }),
       "read");
  return out;
}

std::optional<model::RefreshToken> GrantHarness::find_refresh_token(const std::string& token) {
  std::optional<model::RefreshToken> out;
  must(store_->read([&](storage::Tx& tx) -> Result<void> {
    out = must(tx.refresh_tokens().find(crypto::token_hash(token)), "find refresh token");
    return ok();
  }),
       "read");
  return out;
}

std::optional<model::OpaqueAccessToken> GrantHarness::find_access_token(const std::string& token) {
  std::optional<model::OpaqueAccessToken> out;
  must(store_->read([&](storage::Tx& tx) -> Result<void> {
    out = must(tx.access_tokens().find(crypto::token_hash(token)), "find access token");
    return ok();
  }),
       "read");
  return out;
}

void GrantHarness::suspend(const std::string& user_id) {
  must(store_->transact([&](storage::Tx& tx) -> Result<void> {
    auto user = must(tx.users().find(user_id), "find user");
    if (!user) return make_error(Errc::NotFound, "no such user");
    user->is_suspended = true;
    return tx.users().update(*user);
  }),
       "suspend");
}

}  // namespace latch::test
