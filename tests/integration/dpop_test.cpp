// DPoP (RFC 9449) against the real binary: proofs at the token endpoint bind the tokens to the
// proof's key (token_type DPoP, cnf.jkt), /oidc/me asks for a proof by that key, a public
// client's refresh token is bound, introspection shows the binding, and a server that requires
// nonces hands them out. Proofs are made here with the test's own keys.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>
#include <stdexcept>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwk.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kSpaCallback = "http://localhost:5173/callback";
constexpr const char* kWebCallback = "http://localhost:3000/callback";
constexpr const char* kApi = "https://api.example.test";

// What a proof says; the defaults make a good proof for POST /oidc/token.
struct ProofSpec {
  std::string method = "POST";
  std::string url;           // the endpoint's public URL
  std::string access_token;  // sets ath when not empty
  std::string nonce;
  std::int64_t iat_shift = 0;  // seconds added to now
  json::object header_extra;   // members merged into the header (a tampered jwk, a typ)
};

// A client's DPoP key pair (ES256) making proofs.
class DpopKey {
 public:
  explicit DpopKey(crypto::JwsAlg alg = crypto::JwsAlg::ES256)
      : key_(crypto::SigningKeyPair::generate(alg)) {}

  std::string jkt() const { return *crypto::jwk_thumbprint(public_jwk()); }
  json::object public_jwk() const {
    json::object jwk = key_.public_jwk();
    jwk.erase("kid");
    jwk.erase("use");
    jwk.erase("alg");
    return jwk;
  }
  // A proof signed by this key; `jwk` is the key put in the header (this key's by default).
  std::string proof(const ProofSpec& spec, std::optional<json::object> jwk = std::nullopt) const {
    json::object header{{"typ", "dpop+jwt"},
                        {"alg", crypto::alg_name(key_.alg())},
                        {"jwk", jwk ? *jwk : public_jwk()}};
    for (const auto& [name, value] : spec.header_extra) header[name] = value;
    json::object claims{{"jti", crypto::random_token(12)},
                        {"htm", spec.method},
                        {"htu", spec.url},
                        {"iat", unix_now() + spec.iat_shift}};
    if (!spec.access_token.empty()) {
      claims["ath"] = crypto::base64url_encode(crypto::sha256(spec.access_token));
    }
    if (!spec.nonce.empty()) claims["nonce"] = spec.nonce;
    std::string input = crypto::base64url_encode(json::serialize(header)) + "." +
                        crypto::base64url_encode(json::serialize(claims));
    return input + "." + crypto::base64url_encode(key_.sign(input));
  }

 private:
  crypto::SigningKeyPair key_;
};

HttpResponse token_post(const TestServer& server, const AppCredentials& app, http::Params params,
                        const std::string& proof) {
  Headers headers;
  if (!proof.empty()) headers.emplace_back("DPoP", proof);
  if (app.secret.empty()) {
    params.add("client_id", app.id);
  } else {
    headers.emplace_back("Authorization", basic_auth(app.id, app.secret));
  }
  return server.client().post_form("/oidc/token", http::encode_form(params), headers);
}

// The code of a fresh sign-in as `user` to `app`, with its PKCE verifier.
struct SignedIn {
  std::string code;
  std::string verifier;
};

SignedIn sign_in(const TestServer& server, AuthorizeRequest request, const UserSpec& user) {
  Pkce pkce = make_pkce();
  request.code_challenge = pkce.challenge;
  BrowserSession browser(server);
  HttpResponse callback = authorize_and_sign_in(browser, request, user.username, user.password);
  return {code_of(callback), pkce.verifier};
}

HttpResponse redeem_with_proof(const TestServer& server, const AppCredentials& app,
                               const AuthorizeRequest& request, const UserSpec& user,
                               const std::string& proof) {
  SignedIn signed_in = sign_in(server, request, user);
  EXPECT_FALSE(signed_in.code.empty());
  http::Params params;
  params.add("grant_type", "authorization_code");
  params.add("code", signed_in.code);
  params.add("redirect_uri", request.redirect_uri);
  params.add("code_verifier", signed_in.verifier);
  return token_post(server, app, std::move(params), proof);
}

HttpResponse dpop_userinfo(const TestServer& server, const std::string& token,
                           const std::string& proof, std::string_view scheme = "DPoP") {
  Headers headers{{"Authorization", std::string(scheme) + " " + token}};
  if (!proof.empty()) headers.emplace_back("DPoP", proof);
  return server.client().get("/oidc/me", headers);
}

class DpopTest : public SharedServerTest<DpopTest> {
 public:
  static void provision(TestServer& server) {
    create_resource(server, {.indicator = kApi, .scopes = {"read:data"}});
    create_user(server, gwen_);
    give_user_scopes(server, gwen_.username, kApi, {"read:data"});
    spa_ = create_user_app(server, {.type = "spa", .redirect_uris = {kSpaCallback}});
    web_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kWebCallback}});
    if (!wait_until_client_known(server, spa_, kSpaCallback) ||
        !wait_until_client_known(server, web_, kWebCallback)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }

 protected:
  std::string url(std::string_view path) const {
    return server().endpoint() + "/oidc" + std::string(path);
  }
  ProofSpec at_token() const { return {.url = url("/token")}; }
  ProofSpec at_userinfo(const std::string& token) const {
    return {.method = "GET", .url = url("/me"), .access_token = token};
  }
  AuthorizeRequest spa_request() const {
    return {.client_id = spa_.id, .redirect_uri = kSpaCallback};
  }
  // The token response of a sign-in to the SPA redeemed with a proof by `key`.
  json::object bound_tokens(const DpopKey& key, AuthorizeRequest request) const {
    HttpResponse res = redeem_with_proof(server(), spa_, request, gwen_, key.proof(at_token()));
    EXPECT_EQ(res.status, 200u) << res.body;
    return res.json().is_object() ? res.json().as_object() : json::object{};
  }
  json::object bound_tokens(const DpopKey& key) const { return bound_tokens(key, spa_request()); }
  // A token request refused with `error`.
  void expect_refused(const std::string& proof, std::string_view error = "invalid_dpop_proof") {
    HttpResponse res = redeem_with_proof(server(), spa_, spa_request(), gwen_, proof);
    EXPECT_EQ(res.status, 400u) << res.body;
    EXPECT_EQ(json_text(res.json(), "error"), error) << res.body;
  }
  HttpResponse refresh_with(const AppCredentials& app, const std::string& refresh_token,
                            const std::string& proof) const {
    http::Params params;
    params.add("grant_type", "refresh_token");
    params.add("refresh_token", refresh_token);
    return token_post(server(), app, std::move(params), proof);
  }
  // A code for the web app by a sign-in whose authorization request carries `extra`.
  SignedIn web_code(http::Params extra) const {
    return sign_in(server(),
                   {.client_id = web_.id, .redirect_uri = kWebCallback, .extra = std::move(extra)},
                   gwen_);
  }
  // The web app redeems `code` with `proof` (none when empty).
  HttpResponse redeem_web(const SignedIn& code, const std::string& proof) const {
    http::Params params;
    params.add("grant_type", "authorization_code");
    params.add("code", code.code);
    params.add("redirect_uri", kWebCallback);
    params.add("code_verifier", code.verifier);
    return token_post(server(), web_, std::move(params), proof);
  }
  // A pushed authorization request (RFC 9126) of the web app with PKCE `pkce`, `extra` added, and
  // `proof` in its DPoP header when not empty.
  HttpResponse push(const Pkce& pkce, const http::Params& extra, const std::string& proof) const {
    http::Params params{{"response_type", "code"},
                        {"redirect_uri", kWebCallback},
                        {"scope", "openid"},
                        {"state", "par-state"},
                        {"code_challenge", pkce.challenge},
                        {"code_challenge_method", "S256"}};
    for (const auto& [name, value] : extra.items()) params.add(name, value);
    Headers headers{{"Authorization", basic_auth(web_.id, web_.secret)}};
    if (!proof.empty()) headers.emplace_back("DPoP", proof);
    return server().client().post_form("/oidc/request", http::encode_form(params), headers);
  }
  // The code a sign-in through the pushed request `pushed` (a 201 answer) ends with.
  SignedIn sign_in_pushed(const HttpResponse& pushed, const Pkce& pkce) const {
    EXPECT_EQ(pushed.status, 201u) << pushed.body;
    http::Params query{{"client_id", web_.id},
                       {"request_uri", json_text(pushed.json(), "request_uri")}};
    BrowserSession browser(server());
    HttpResponse page = browser.navigate("/oidc/auth?" + http::encode_form(query));
    HttpResponse callback = browser.follow(
        browser.submit(page, {{"identifier", gwen_.username}, {"password", gwen_.password}}));
    return {code_of(callback), pkce.verifier};
  }

  static inline UserSpec gwen_{.username = "gwen", .password = "Lantern-Pebble-2231"};
  static inline AppCredentials spa_, web_;
};

TEST_F(DpopTest, DiscoveryListsTheProofAlgorithms) {
  json::value doc = server().client().get("/oidc/.well-known/openid-configuration").json();
  json::array expected{"ES256", "ES384", "RS256", "PS256", "EdDSA", "Ed25519"};
  EXPECT_EQ(doc.at("dpop_signing_alg_values_supported"), json::value(expected));
}

TEST_F(DpopTest, AProofBindsTheTokensToItsKey) {
  DpopKey key;
  json::object tokens = bound_tokens(key);
  EXPECT_EQ(json_text(tokens, "token_type"), "DPoP");
  HttpResponse me = dpop_userinfo(server(), json_text(tokens, "access_token"),
                                  key.proof(at_userinfo(json_text(tokens, "access_token"))));
  EXPECT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(json_text(me.json(), "username"), "gwen");
}

TEST_F(DpopTest, AJwtAccessTokenNamesTheKeyInCnf) {
  DpopKey key;
  AuthorizeRequest request = spa_request();
  request.scope += " read:data";
  request.extra.add("resource", kApi);
  json::object tokens = bound_tokens(key, request);
  std::string refresh = json_text(tokens, "refresh_token");
  http::Params params;
  params.add("grant_type", "refresh_token");
  params.add("refresh_token", refresh);
  params.add("resource", kApi);
  HttpResponse res = token_post(server(), spa_, std::move(params), key.proof(at_token()));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(json_text(res.json(), "token_type"), "DPoP");
  json::object claims = verified_payload(server(), json_text(res.json(), "access_token"));
  ASSERT_TRUE(claims.contains("cnf")) << json::serialize(claims);
  EXPECT_EQ(json_text(claims.at("cnf"), "jkt"), key.jkt());
}

TEST_F(DpopTest, WithoutAProofTokensStayBearer) {
  AuthorizeRequest request = spa_request();
  json::object tokens = sign_in_and_redeem(server(), spa_, request, gwen_);
  EXPECT_EQ(json_text(tokens, "token_type"), "Bearer");
  EXPECT_EQ(userinfo(server(), json_text(tokens, "access_token")).status, 200u);
  // An unbound token is not accepted under the DPoP scheme.
  DpopKey key;
  std::string token = json_text(tokens, "access_token");
  EXPECT_EQ(dpop_userinfo(server(), token, key.proof(at_userinfo(token))).status, 401u);
}

TEST_F(DpopTest, ABoundTokenSentAsBearerIsRefused) {
  DpopKey key;
  std::string token = json_text(bound_tokens(key), "access_token");
  HttpResponse res = userinfo(server(), token);
  EXPECT_EQ(res.status, 401u) << res.body;
  EXPECT_EQ(res.header("WWW-Authenticate").rfind("DPoP ", 0), 0u) << res.header("WWW-Authenticate");
  EXPECT_NE(res.header("WWW-Authenticate").find("error=\"invalid_token\""), std::string::npos);
}

TEST_F(DpopTest, UserinfoRefusesAProofByAnotherKey) {
  DpopKey key, other;
  std::string token = json_text(bound_tokens(key), "access_token");
  HttpResponse res = dpop_userinfo(server(), token, other.proof(at_userinfo(token)));
  EXPECT_EQ(res.status, 401u) << res.body;
  EXPECT_EQ(json_text(res.json(), "error"), "invalid_token");
}

TEST_F(DpopTest, UserinfoRefusesAWrongAthAMissingProofAndAProofForTheTokenEndpoint) {
  DpopKey key;
  std::string token = json_text(bound_tokens(key), "access_token");
  HttpResponse wrong_ath = dpop_userinfo(server(), token, key.proof(at_userinfo("another token")));
  EXPECT_EQ(wrong_ath.status, 401u);
  EXPECT_EQ(json_text(wrong_ath.json(), "error"), "invalid_dpop_proof") << wrong_ath.body;
  EXPECT_NE(wrong_ath.header("WWW-Authenticate").find("error=\"invalid_dpop_proof\""),
            std::string::npos);
  EXPECT_EQ(dpop_userinfo(server(), token, "").status, 401u);
  ProofSpec for_token = at_userinfo(token);
  for_token.url = url("/token");
  HttpResponse other_url = dpop_userinfo(server(), token, key.proof(for_token));
  EXPECT_EQ(json_text(other_url.json(), "error"), "invalid_dpop_proof") << other_url.body;
}

TEST_F(DpopTest, AProofIsAcceptedOnce) {
  DpopKey key;
  std::string token = json_text(bound_tokens(key), "access_token");
  std::string proof = key.proof(at_userinfo(token));
  EXPECT_EQ(dpop_userinfo(server(), token, proof).status, 200u);
  HttpResponse again = dpop_userinfo(server(), token, proof);
  EXPECT_EQ(again.status, 401u);
  EXPECT_EQ(json_text(again.json(), "error"), "invalid_dpop_proof");
  EXPECT_NE(json_text(again.json(), "error_description").find("jti"), std::string::npos);
}

TEST_F(DpopTest, TheTokenEndpointRefusesAProofForAnotherUrlOrMethod) {
  DpopKey key;
  ProofSpec other_url = at_token();
  other_url.url = url("/me");
  expect_refused(key.proof(other_url));
  ProofSpec other_host = at_token();
  other_host.url = "https://elsewhere.example.test/oidc/token";
  expect_refused(key.proof(other_host));
  ProofSpec other_method = at_token();
  other_method.method = "GET";
  expect_refused(key.proof(other_method));
}

TEST_F(DpopTest, TheTokenEndpointRefusesAnOldProof) {
  ProofSpec old = at_token();
  old.iat_shift = -600;
  expect_refused(DpopKey().proof(old));
}

TEST_F(DpopTest, TheTokenEndpointRefusesABadSignatureAPrivateKeyAndAnotherType) {
  DpopKey key, other;
  expect_refused(other.proof(at_token(), key.public_jwk()));  // signed by another key
  json::object with_private = key.public_jwk();
  with_private["d"] = crypto::base64url_encode("not really the private key, but private");
  expect_refused(key.proof(at_token(), with_private));
  ProofSpec jwt_type = at_token();
  jwt_type.header_extra["typ"] = "JWT";
  expect_refused(key.proof(jwt_type));
  expect_refused("not.a.proof");
}

TEST_F(DpopTest, TheTokenEndpointRefusesTwoProofs) {
  DpopKey key;
  SignedIn signed_in = sign_in(server(), spa_request(), gwen_);
  http::Params params;
  params.add("grant_type", "authorization_code");
  params.add("code", signed_in.code);
  params.add("redirect_uri", kSpaCallback);
  params.add("code_verifier", signed_in.verifier);
  params.add("client_id", spa_.id);
  Headers headers{{"DPoP", key.proof(at_token())}, {"DPoP", key.proof(at_token())}};
  HttpResponse res = server().client().post_form("/oidc/token", http::encode_form(params), headers);
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(json_text(res.json(), "error"), "invalid_dpop_proof") << res.body;
}

TEST_F(DpopTest, APublicClientsRefreshTokenIsBoundToTheKey) {
  DpopKey key, other;
  std::string refresh = json_text(bound_tokens(key), "refresh_token");
  HttpResponse without = refresh_with(spa_, refresh, "");
  EXPECT_EQ(without.status, 400u);
  EXPECT_EQ(json_text(without.json(), "error"), "invalid_grant") << without.body;
  HttpResponse by_other = refresh_with(spa_, refresh, other.proof(at_token()));
  EXPECT_EQ(by_other.status, 400u);
  EXPECT_EQ(json_text(by_other.json(), "error"), "invalid_grant") << by_other.body;
  HttpResponse by_key = refresh_with(spa_, refresh, key.proof(at_token()));
  ASSERT_EQ(by_key.status, 200u) << by_key.body;  // the refused attempts did not spend it
  EXPECT_EQ(json_text(by_key.json(), "token_type"), "DPoP");
  std::string next = json_text(by_key.json(), "refresh_token");
  EXPECT_EQ(refresh_with(spa_, next, other.proof(at_token())).status, 400u);  // still bound
  EXPECT_EQ(refresh_with(spa_, next, key.proof(at_token())).status, 200u);
}

TEST_F(DpopTest, AConfidentialClientsRefreshTokenIsNotBound) {
  DpopKey key;
  AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kWebCallback};
  HttpResponse res = redeem_with_proof(server(), web_, request, gwen_, key.proof(at_token()));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(json_text(res.json(), "token_type"), "DPoP");
  HttpResponse refreshed = refresh_with(web_, json_text(res.json(), "refresh_token"), "");
  EXPECT_EQ(refreshed.status, 200u) << refreshed.body;
  EXPECT_EQ(json_text(refreshed.json(), "token_type"), "Bearer");
}

TEST_F(DpopTest, IntrospectionShowsTheBinding) {
  DpopKey key;
  AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kWebCallback};
  HttpResponse res = redeem_with_proof(server(), web_, request, gwen_, key.proof(at_token()));
  ASSERT_EQ(res.status, 200u) << res.body;
  HttpResponse info = introspect(server(), web_, json_text(res.json(), "access_token"));
  ASSERT_EQ(info.status, 200u) << info.body;
  json::value body = info.json();
  EXPECT_EQ(body.at("active"), json::value(true));
  EXPECT_EQ(json_text(body, "token_type"), "DPoP");
  EXPECT_EQ(json_text(body.at("cnf"), "jkt"), key.jkt());
}

// RFC 9449 §10: dpop_jkt binds the authorization code to a key before any token is issued, so a
// code stolen on its way back is worth nothing without that key.
TEST_F(DpopTest, ACodeBoundWithDpopJktIsRedeemedOnlyByThatKey) {
  DpopKey key, other;
  SignedIn bound = web_code({{"dpop_jkt", key.jkt()}});
  HttpResponse by_other = redeem_web(bound, other.proof(at_token()));
  EXPECT_EQ(by_other.status, 400u);
  EXPECT_EQ(json_text(by_other.json(), "error"), "invalid_grant") << by_other.body;

  SignedIn again = web_code({{"dpop_jkt", key.jkt()}});
  HttpResponse without = redeem_web(again, "");
  EXPECT_EQ(without.status, 400u);
  EXPECT_EQ(json_text(without.json(), "error"), "invalid_grant") << without.body;

  SignedIn third = web_code({{"dpop_jkt", key.jkt()}});
  HttpResponse by_key = redeem_web(third, key.proof(at_token()));
  ASSERT_EQ(by_key.status, 200u) << by_key.body;
  EXPECT_EQ(json_text(by_key.json(), "token_type"), "DPoP");
}

TEST_F(DpopTest, AMalformedDpopJktGoesBackToTheApp) {
  AuthorizeRequest request{.client_id = web_.id,
                           .redirect_uri = kWebCallback,
                           .code_challenge = make_pkce().challenge,
                           .extra = {{"dpop_jkt", "not-a-thumbprint"}}};
  HttpResponse res = server().client().get(request.target());
  EXPECT_TRUE(is_error_redirect(res, kWebCallback, "invalid_request", request.state,
                                server().endpoint() + "/oidc"));
  EXPECT_NE(location_query(res).value("error_description").find("dpop_jkt"), std::string::npos);
}

// §10.1: a proof sent with the pushed request binds the code to its key, as dpop_jkt would.
TEST_F(DpopTest, AProofWithAPushedRequestBindsTheCode) {
  DpopKey key, other;
  Pkce pkce = make_pkce();
  SignedIn code = sign_in_pushed(push(pkce, {}, key.proof({.url = url("/request")})), pkce);
  EXPECT_EQ(redeem_web(code, other.proof(at_token())).status, 400u);

  Pkce second = make_pkce();
  SignedIn next = sign_in_pushed(push(second, {}, key.proof({.url = url("/request")})), second);
  HttpResponse res = redeem_web(next, key.proof(at_token()));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(json_text(res.json(), "token_type"), "DPoP");
}

TEST_F(DpopTest, APushedRequestWithAProofAndAnotherKeysDpopJktIsRefused) {
  DpopKey key, other;
  HttpResponse res =
      push(make_pkce(), {{"dpop_jkt", other.jkt()}}, key.proof({.url = url("/request")}));
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(json_text(res.json(), "error"), "invalid_request") << res.body;
  HttpResponse same =
      push(make_pkce(), {{"dpop_jkt", key.jkt()}}, key.proof({.url = url("/request")}));
  EXPECT_EQ(same.status, 201u) << same.body;
}

TEST_F(DpopTest, APushedRequestRefusesABadProof) {
  DpopKey key;
  HttpResponse for_token = push(make_pkce(), {}, key.proof(at_token()));  // htu of /token
  EXPECT_EQ(for_token.status, 400u);
  EXPECT_EQ(json_text(for_token.json(), "error"), "invalid_dpop_proof") << for_token.body;
}

// RFC 9449 §8: a deployment that requires nonces answers use_dpop_nonce with one.
TEST(DpopNonceTest, TheServerHandsOutNoncesAndRequiresThem) {
  TestServer server({.env = {{"LATCH_DPOP_NONCE", "true"}}});
  UserSpec hana{.username = "hana", .password = "Meadow-Signal-4410"};
  create_user(server, hana);
  AppCredentials spa = create_user_app(server, {.type = "spa", .redirect_uris = {kSpaCallback}});
  ASSERT_TRUE(wait_until_client_known(server, spa, kSpaCallback));
  DpopKey key;
  std::string token_url = server.endpoint() + "/oidc/token";
  AuthorizeRequest request{.client_id = spa.id, .redirect_uri = kSpaCallback};
  SignedIn signed_in = sign_in(server, request, hana);
  http::Params params;
  params.add("grant_type", "authorization_code");
  params.add("code", signed_in.code);
  params.add("redirect_uri", kSpaCallback);
  params.add("code_verifier", signed_in.verifier);
  HttpResponse first = token_post(server, spa, params, key.proof({.url = token_url}));
  EXPECT_EQ(first.status, 400u);
  EXPECT_EQ(json_text(first.json(), "error"), "use_dpop_nonce") << first.body;
  std::string nonce = first.header("DPoP-Nonce");
  ASSERT_FALSE(nonce.empty());
  HttpResponse second =
      token_post(server, spa, params, key.proof({.url = token_url, .nonce = nonce}));
  ASSERT_EQ(second.status, 200u) << second.body;  // the code was not spent by the refusal
  std::string token = json_text(second.json(), "access_token");
  ProofSpec me{.method = "GET", .url = server.endpoint() + "/oidc/me", .access_token = token};
  HttpResponse no_nonce = dpop_userinfo(server, token, key.proof(me));
  EXPECT_EQ(no_nonce.status, 401u);
  EXPECT_NE(no_nonce.header("WWW-Authenticate").find("error=\"use_dpop_nonce\""),
            std::string::npos);
  me.nonce = no_nonce.header("DPoP-Nonce");
  EXPECT_EQ(dpop_userinfo(server, token, key.proof(me)).status, 200u);
}

}  // namespace
}  // namespace latch::test
