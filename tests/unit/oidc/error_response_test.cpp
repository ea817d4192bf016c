#include "oidc/error_response.hpp"
#include "oidc/client_authenticator.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "oidc/client_authenticator.hpp"
#include "oidc/dpop_proof.hpp"

namespace latch::oidc {
namespace {

using http::bhttp::field;
using http::bhttp::status;

boost::json::object body_of(const http::Response& res) {
  return boost::json::parse(res.body()).as_object();
}

TEST(OauthErrorTest, BodyCarriesOauthAndLogtoFields) {
  http::Response res = oauth_error(make_error(Errc::InvalidGrant, "code expired"));
  boost::json::object body = body_of(res);
  EXPECT_EQ(body.at("error").as_string(), "invalid_grant");
  EXPECT_EQ(body.at("error_description").as_string(), "code expired");
  EXPECT_EQ(body.at("code").as_string(), "oidc.invalid_grant");
  EXPECT_EQ(body.at("message").as_string(), "Grant request is invalid.");  // Logto's phrase
}

TEST(OauthErrorTest, MessageIsLogtosPhraseOrTheDescription) {
  EXPECT_EQ(logto_message("invalid_request", "x"), "Request is invalid.");
  EXPECT_EQ(logto_message("invalid_scope", "scope a is unknown"),
            "Invalid scope: scope a is unknown.");
  EXPECT_EQ(logto_message("slow_down", "poll less often"), "poll less often");
}

TEST(OauthErrorTest, AnUnknownClientIsABadRequestWithoutChallenge) {
  http::Response res = oauth_error(Error{.code = Errc::InvalidClient,
                                         .key = std::string(kUnknownClientKey),
                                         .description = "invalid client nobody"});
  EXPECT_EQ(res.result(), http::bhttp::status::bad_request);
  EXPECT_EQ(res.find(http::bhttp::field::www_authenticate), res.end());
  http::Response failed = oauth_error(make_error(Errc::InvalidClient, "wrong secret"));
  EXPECT_EQ(failed.result(), http::bhttp::status::unauthorized);
  EXPECT_NE(failed.find(http::bhttp::field::www_authenticate), failed.end());
}

// RFC 9449 §12.2: DPoP's codes travel as keys of InvalidRequest errors.
TEST(OauthErrorTest, SendsDpopCodesFromTheirKeys) {
  http::Response res = oauth_error(dpop_error(kInvalidDpopProofKey, "invalid DPoP proof: htu"));
  EXPECT_EQ(res.result(), status::bad_request);
  EXPECT_EQ(body_of(res).at("error").as_string(), "invalid_dpop_proof");
  EXPECT_EQ(body_of(res).at("code").as_string(), "oidc.invalid_dpop_proof");
  res = oauth_error(dpop_error(kUseDpopNonceKey, "nonce"));
  EXPECT_EQ(body_of(res).at("error").as_string(), "use_dpop_nonce");
  Error other = keyed_error(Errc::InvalidRequest, "oidc.invalid_redirect_uri");
  EXPECT_EQ(oauth_wire_code(other), "invalid_request");  // other keys keep their Errc's code
}

TEST(OauthErrorTest, IsNeverCached) {
  http::Response res = oauth_error(make_error(Errc::InvalidRequest, "x"));
  EXPECT_EQ(res[field::cache_control], "no-store");
  EXPECT_EQ(res[field::pragma], "no-cache");
}

TEST(OauthErrorTest, IsJson) {
  http::Response res = oauth_error(make_error(Errc::InvalidRequest, "x"));
  EXPECT_EQ(res[field::content_type].substr(0, 16), "application/json");
}

TEST(OauthErrorTest, InvalidClientIs401WithBasicChallenge) {
  http::Response res = oauth_error(make_error(Errc::InvalidClient, "bad client"));
  EXPECT_EQ(res.result(), status::unauthorized);
  EXPECT_EQ(res[field::www_authenticate].substr(0, 5), "Basic");
}

TEST(OauthErrorTest, InvalidTokenIs401WithBearerChallengeNamingTheError) {
  http::Response res = oauth_error(make_error(Errc::InvalidToken, "expired"));
  EXPECT_EQ(res.result(), status::unauthorized);
  std::string challenge(res[field::www_authenticate]);
  EXPECT_EQ(challenge.rfind("Bearer", 0), 0u);
  EXPECT_NE(challenge.find("error=\"invalid_token\""), std::string::npos) << challenge;
}

TEST(OauthErrorTest, QuotesInTheDescriptionCannotBreakTheChallenge) {
  http::Response res = oauth_error(make_error(Errc::InvalidToken, "a \"quoted\" \\ text"));
  std::string challenge(res[field::www_authenticate]);
  EXPECT_NE(challenge.find("error_description=\"a quoted  text\""), std::string::npos) << challenge;
}

TEST(OauthErrorTest, InsufficientScopeIs403) {
  http::Response res = oauth_error(make_error(Errc::InsufficientScope, "needs more"));
  EXPECT_EQ(res.result(), status::forbidden);
  EXPECT_NE(res[field::www_authenticate].find("insufficient_scope"), std::string::npos);
}

TEST(OauthErrorTest, ProtocolErrorsAre400WithoutChallenge) {
  for (Errc code : {Errc::InvalidRequest, Errc::InvalidGrant, Errc::UnauthorizedClient,
                    Errc::UnsupportedGrantType, Errc::InvalidScope, Errc::InvalidTarget}) {
    http::Response res = oauth_error(make_error(code, "x"));
    EXPECT_EQ(res.result(), status::bad_request) << errc_name(code);
    EXPECT_EQ(res.find(field::www_authenticate), res.end()) << errc_name(code);
  }
}

TEST(OauthErrorTest, UnavailableIs503TemporarilyUnavailable) {
  http::Response res = oauth_error(make_error(Errc::Unavailable, "busy"));
  EXPECT_EQ(res.result(), status::service_unavailable);
  EXPECT_EQ(body_of(res).at("error").as_string(), "temporarily_unavailable");
}

TEST(OauthErrorTest, InternalErrorHidesItsDescriptionAndDetail) {
  http::Response res =
      oauth_error(make_error(Errc::Internal, "sqlite said no", "SELECT * FROM secrets"));
  EXPECT_EQ(res.result(), status::internal_server_error);
  EXPECT_EQ(body_of(res).at("error").as_string(), "server_error");
  EXPECT_EQ(res.body().find("sqlite"), std::string::npos) << res.body();
  EXPECT_EQ(res.body().find("SELECT"), std::string::npos) << res.body();
}

TEST(OauthErrorTest, DetailNeverReachesTheBody) {
  http::Response res = oauth_error(make_error(Errc::InvalidGrant, "safe", "private detail"));
  EXPECT_EQ(res.body().find("private detail"), std::string::npos) << res.body();
}

}  // namespace
}  // namespace latch::oidc
