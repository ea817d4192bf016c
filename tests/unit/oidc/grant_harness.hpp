#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "model/oidc_artifacts.hpp"
#include "oidc/catalog.hpp"
#include "oidc/grants/grant.hpp"
#include "oidc/key_store.hpp"
#include "oidc/token_service.hpp"
#include "storage/store.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"

// What the grant tests of the token endpoint share: signing keys, and a real migrated SQLite
// store with a FakeClock, a TokenService and a catalog of clients and one resource, plus ways to
// seed grants, codes and refresh tokens exactly as the authorization endpoint and earlier
// rotations store them (by hash).
namespace latch::test {

// Signing keys of every algorithm, generated once per test binary (RSA is slow) into a scratch
// database and loaded into a KeyStore, as `serve` does at start-up.
const oidc::KeyStore& test_signing_keys();

// The payload of a JWT signed by test_signing_keys(); fails the test (and returns {}) when it
// does not verify.
boost::json::object verified_payload(const std::string& jwt);

inline constexpr const char* kCallback = "https://app.example/callback";
// A resource with scopes read and write, which a default role gives every user.
inline constexpr const char* kApi = "https://api.example";
// RFC 7636 Appendix B.
inline constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
inline constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

// A grant and what it is for. `expires_in` counts from the clock's now.
struct GrantSpec {
  std::string client_id = "web";
  std::string scope = "openid profile";
  std::string resources;  // space-separated
  std::int64_t expires_in = 14 * 86400;
  bool suspended_user = false;
};

struct CodeSpec {
  GrantSpec grant;
  std::string redirect_uri = kCallback;
  std::string nonce = "n-0S6";
  std::string code_challenge;
  std::int64_t auth_time = 1'699'999'000;
  std::int64_t expires_in = 60;
  std::string dpop_jkt;  // the DPoP key the code is bound to (RFC 9449 §10); "" = none
};

struct Issued {
  std::string value;  // the code or token as the client holds it
  std::string grant_id;
  std::string user_id;
};

class GrantHarness {
 public:
  GrantHarness();
  ~GrantHarness();
  GrantHarness(const GrantHarness&) = delete;
  GrantHarness& operator=(const GrantHarness&) = delete;

  storage::Store& store() { return *store_; }
  FakeClock& clock() { return clock_; }
  const oidc::TokenService& tokens() const { return tokens_; }
  const Config& config() const { return config_; }
  // Clients: "web" (confidential, may exchange tokens), "spa" (public), "other" (confidential),
  // "tv" (public, with the device flow).
  oidc::CatalogSnapshot& catalog() { return catalog_; }
  // Reads what apps' roles grant and which claims scripts exist into catalog(), as the server
  // does after every commit that changes them (oidc::read_issuance_rules).
  void reload_issuance_rules();

  Issued issue_code(const CodeSpec& spec = {});
  // A refresh token of a new grant, with the grant's scope and resources.
  Issued issue_refresh_token(const GrantSpec& spec = {}, std::int64_t expires_in = 14 * 86400);

  // Runs `grant` for `client_id` as the token endpoint would after authenticating it.
  Result<oidc::TokenResponse> run(oidc::Grant& grant, const std::string& client_id,
                                  const oidc::TokenRequest& request);

  std::optional<model::Grant> find_grant(const std::string& id);
  std::optional<model::RefreshToken> find_refresh_token(const std::string& token);
  std::optional<model::OpaqueAccessToken> find_access_token(const std::string& token);
  void suspend(const std::string& user_id);

 private:
  model::Grant insert_grant(const GrantSpec& spec);

  TempDir dir_ = TempDir::in_memory();
  FakeClock clock_;
  Config config_;
  std::unique_ptr<storage::Store> store_;
  oidc::TokenService tokens_;
  oidc::CatalogSnapshot catalog_;
};

}  // namespace latch::test
