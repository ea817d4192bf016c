// OpenID Connect Back-Channel Logout 1.0 end to end: ID tokens carry the session's sid; ending
// the session (/oidc/session/end) or deleting the user (Management API) makes Latch POST a signed
// logout token to each app of that session that registered a URI. The apps are a loopback
// receiver (python3) that prints each POST it gets and can be told to fail.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/jwt_inspect.hpp"
#include "support/post_receiver.hpp"
#include "support/provisioning.hpp"
#include "support/subprocess.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kEvent = "http://schemas.openid.net/event/backchannel-logout";

// The logout_token of a notice's form body ("" without one).
std::string logout_token_of(const Received& notice) {
  auto form = http::parse_form(notice.body);
  return form ? std::string(form->value("logout_token")) : std::string();
}

class BackchannelLogoutTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    try {
      receiver_ = std::make_unique<PostReceiver>();
      server_ = std::make_unique<TestServer>(
          TestServerOptions{.env = {{"LATCH_BACKCHANNEL_LOGOUT_RETRY_MS", "100"}}});
      operator_ = create_app(*server_, "m2m", {"--management-api"});
    } catch (const std::exception& e) {
      error_ = e.what();
      server_.reset();
    }
  }
  static void TearDownTestSuite() {
    server_.reset();
    receiver_.reset();
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << error_; }

 protected:
  static TestServer& server() { return *server_; }

  // A traditional app whose logout URI is the receiver's `path` ("" = none).
  AppCredentials make_app(const std::string& path, bool session_required = false) {
    std::string callback = "https://rp" + std::to_string(++apps_) + ".example.test/callback";
    std::vector<std::string> extra{"--redirect-uri", callback};
    if (!path.empty())
      extra.insert(extra.end(), {"--backchannel-logout-uri", receiver_->url(path)});
    if (session_required) extra.push_back("--backchannel-logout-session-required");
    AppCredentials app = create_app(server(), "traditional", extra);
    callbacks_[app.id] = callback;
    EXPECT_TRUE(wait_until_client_known(server(), app, callback));
    return app;
  }
  UserSpec make_user() {
    UserSpec user{.username = "bcl" + std::to_string(++users_), .password = "Lantern-Quay-4417"};
    user_ids_[user.username] = create_user(server(), user);
    return user;
  }
  // Signs `browser` in to `app` as `user` (the session signs in once, then SSO); the tokens.
  json::object sign_in(BrowserSession& browser, const AppCredentials& app, const UserSpec& user) {
    AuthorizeRequest request{.client_id = app.id, .redirect_uri = callbacks_[app.id]};
    HttpResponse callback = authorize_and_sign_in(browser, request, user.username, user.password);
    HttpResponse tokens = redeem_code(server(), app, code_of(callback), callbacks_[app.id]);
    EXPECT_EQ(tokens.status, 200u) << tokens.body;
    return tokens.json().is_object() ? tokens.json().as_object() : json::object{};
  }
  static json::object claims_of(const std::string& jwt) {
    auto decoded = decode_jwt(jwt);
    return decoded ? decoded->payload : json::object{};
  }
  // Ends `browser`'s session at once (an id_token_hint for its user).
  HttpResponse end_session(BrowserSession& browser, const json::object& tokens) {
    http::Params params;
    params.add("id_token_hint", json_text(tokens, "id_token"));
    return browser.get("/oidc/session/end?" + http::encode_form(params));
  }
  std::string management_token() {
    auto res =
        token_with_basic(server(), operator_,
                         "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    return json_text(res.json(), "access_token");
  }

  // §2.4 and §2.6: what every logout token to `app` must be.
  void expect_logout_token(const Received& notice, const AppCredentials& app,
                           const std::string& user_id, const std::string& sid) {
    EXPECT_EQ(notice.headers.at("content-type"), "application/x-www-form-urlencoded");
    auto decoded = decode_jwt(logout_token_of(notice));
    ASSERT_TRUE(decoded) << logout_token_of(notice);
    EXPECT_EQ(json_text(decoded->header, "typ"), "logout+jwt");
    json::object claims = verified_payload(server(), logout_token_of(notice));
    EXPECT_EQ(json_text(claims, "iss"), server().endpoint() + "/oidc");
    EXPECT_EQ(json_text(claims, "aud"), app.id);
    EXPECT_EQ(json_text(claims, "sub"), user_id);
    EXPECT_EQ(json_text(claims, "sid"), sid);
    EXPECT_FALSE(json_text(claims, "jti").empty());
    EXPECT_FALSE(claims.contains("nonce"));
    ASSERT_TRUE(claims.contains("iat") && claims.contains("exp"));
    EXPECT_LE(claims.at("exp").as_int64() - claims.at("iat").as_int64(), 120);
    ASSERT_TRUE(claims.contains("events") && claims.at("events").is_object());
    const auto& events = claims.at("events").as_object();
    ASSERT_TRUE(events.contains(kEvent));
    EXPECT_TRUE(events.at(kEvent).is_object() && events.at(kEvent).as_object().empty());
  }

  static inline std::unique_ptr<PostReceiver> receiver_;
  static inline std::unique_ptr<TestServer> server_;
  static inline std::string error_;
  static inline AppCredentials operator_;
  static inline int apps_ = 0, users_ = 0;
  static inline std::map<std::string, std::string> callbacks_, user_ids_;
};

TEST_F(BackchannelLogoutTest, DiscoveryAdvertisesBackchannelLogoutWithSessions) {
  HttpResponse res = server().client().get("/oidc/.well-known/openid-configuration");
  ASSERT_EQ(res.status, 200u);
  json::value doc = res.json();
  EXPECT_EQ(doc.at("backchannel_logout_supported"), json::value(true));
  EXPECT_EQ(doc.at("backchannel_logout_session_supported"), json::value(true));
  const auto& claims = doc.at("claims_supported").as_array();
  EXPECT_NE(std::find(claims.begin(), claims.end(), json::value("sid")), claims.end());
}

TEST_F(BackchannelLogoutTest, IdTokensOfOneSessionShareItsSidAndRefreshKeepsIt) {
  AppCredentials first = make_app(""), second = make_app("");
  UserSpec user = make_user();
  BrowserSession browser(server());
  json::object a = sign_in(browser, first, user);
  json::object b = sign_in(browser, second, user);
  std::string sid = json_text(claims_of(json_text(a, "id_token")), "sid");
  EXPECT_GE(sid.size(), 16u);
  EXPECT_EQ(json_text(claims_of(json_text(b, "id_token")), "sid"), sid);
  EXPECT_NE(sid, browser.cookie("_latch_session").value_or("")) << "not the cookie's value";
  HttpResponse refreshed = refresh(server(), first, json_text(a, "refresh_token"));
  ASSERT_EQ(refreshed.status, 200u) << refreshed.body;
  EXPECT_EQ(json_text(claims_of(json_text(refreshed.json(), "id_token")), "sid"), sid);

  BrowserSession other(server());
  json::object c = sign_in(other, first, user);
  EXPECT_NE(json_text(claims_of(json_text(c, "id_token")), "sid"), sid) << "one per session";
}

TEST_F(BackchannelLogoutTest, EndingTheSessionPostsAVerifiableLogoutTokenToItsApps) {
  AppCredentials listening = make_app("/end-session"), deaf = make_app("");
  UserSpec user = make_user();
  BrowserSession browser(server());
  json::object tokens = sign_in(browser, listening, user);
  sign_in(browser, deaf, user);
  std::string sid = json_text(claims_of(json_text(tokens, "id_token")), "sid");
  HttpResponse ended = end_session(browser, tokens);
  EXPECT_EQ(ended.status, 200u) << "signed out at once: " << ended.body;
  auto notices = receiver_->wait_for("/end-session", 1);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].status, 200);
  expect_logout_token(notices[0], listening, user_ids_[user.username], sid);
}

TEST_F(BackchannelLogoutTest, ASessionRequiredAppGetsTheSid) {
  AppCredentials app = make_app("/session-required", true);
  UserSpec user = make_user();
  BrowserSession browser(server());
  json::object tokens = sign_in(browser, app, user);
  end_session(browser, tokens);
  auto notices = receiver_->wait_for("/session-required", 1);
  ASSERT_EQ(notices.size(), 1u);
  expect_logout_token(notices[0], app, user_ids_[user.username],
                      json_text(claims_of(json_text(tokens, "id_token")), "sid"));
}

TEST_F(BackchannelLogoutTest, AnAppThatGotNoTokensInTheSessionHearsNothingOfIt) {
  AppCredentials signed_in = make_app("/only-signed-in"), elsewhere = make_app("/elsewhere");
  UserSpec user = make_user();
  BrowserSession first(server());
  end_session(first, sign_in(first, signed_in, user));
  ASSERT_EQ(receiver_->wait_for("/only-signed-in", 1).size(), 1u);
  // A later session with the other app: its notice comes after any the first session queued.
  BrowserSession second(server());
  json::object later = sign_in(second, elsewhere, user);
  end_session(second, later);
  auto notices = receiver_->wait_for("/elsewhere", 1);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(json_text(claims_of(logout_token_of(notices[0])), "sid"),
            json_text(claims_of(json_text(later, "id_token")), "sid"))
      << "the only notice is the second session's";
}

TEST_F(BackchannelLogoutTest, AFailingAppIsRetriedAndTheSignOutDoesNotWaitForIt) {
  AppCredentials app = make_app("/fail-first");
  UserSpec user = make_user();
  BrowserSession browser(server());
  json::object tokens = sign_in(browser, app, user);
  HttpResponse ended = end_session(browser, tokens);
  EXPECT_EQ(ended.status, 200u) << ended.body;
  EXPECT_FALSE(browser.cookie("_latch_session").has_value()) << "the session ended at once";
  auto notices = receiver_->wait_for("/fail-first", 2);
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[0].status, 503);
  EXPECT_EQ(notices[1].status, 200);
  std::string sid = json_text(claims_of(json_text(tokens, "id_token")), "sid");
  expect_logout_token(notices[1], app, user_ids_[user.username], sid);
  EXPECT_NE(json_text(claims_of(logout_token_of(notices[0])), "jti"),
            json_text(claims_of(logout_token_of(notices[1])), "jti"));
}

TEST_F(BackchannelLogoutTest, AnAppThatNeverTakesItIsTriedFiveTimes) {
  AppCredentials app = make_app("/always-fail");
  UserSpec user = make_user();
  BrowserSession browser(server());
  end_session(browser, sign_in(browser, app, user));
  EXPECT_EQ(receiver_->wait_for("/always-fail", 5).size(), 5u);
  // Given up: a later notice to another app arrives with no sixth try before it.
  AppCredentials next = make_app("/after-giving-up");
  BrowserSession again(server());
  end_session(again, sign_in(again, next, user));
  ASSERT_EQ(receiver_->wait_for("/after-giving-up", 1).size(), 1u);
  EXPECT_TRUE(eventually(
      [&] { return server().log().find("dropped after 5 attempts") != std::string::npos; }));
  EXPECT_EQ(receiver_->wait_for("/always-fail", 6, std::chrono::seconds(1)).size(), 5u);
}

TEST_F(BackchannelLogoutTest, DeletingTheUserThroughTheManagementApiNotifiesItsApps) {
  AppCredentials app = make_app("/user-deleted");
  UserSpec user = make_user();
  BrowserSession browser(server());
  json::object tokens = sign_in(browser, app, user);
  std::string id = user_ids_[user.username];
  HttpResponse deleted =
      management_request(server(), verb::delete_, "/api/users/" + id, nullptr, management_token());
  ASSERT_EQ(deleted.status, 204u) << deleted.body;
  auto notices = receiver_->wait_for("/user-deleted", 1);
  ASSERT_EQ(notices.size(), 1u);
  expect_logout_token(notices[0], app, id,
                      json_text(claims_of(json_text(tokens, "id_token")), "sid"));
}

// Suspending is the end of every session the user has, for the apps: they hear of it once.
TEST_F(BackchannelLogoutTest, SuspendingTheUserNotifiesItsAppsOnce) {
  AppCredentials app = make_app("/user-suspended");
  UserSpec user = make_user();
  BrowserSession browser(server());
  json::object tokens = sign_in(browser, app, user);
  std::string id = user_ids_[user.username];
  auto suspend = [&](bool on) {
    return management_request(server(), verb::patch, "/api/users/" + id + "/is-suspended",
                              json::object{{"isSuspended", on}}, management_token());
  };
  ASSERT_EQ(suspend(true).status, 200u);
  auto notices = receiver_->wait_for("/user-suspended", 1);
  ASSERT_EQ(notices.size(), 1u);
  expect_logout_token(notices[0], app, id,
                      json_text(claims_of(json_text(tokens, "id_token")), "sid"));
  // Suspending again, or lifting it, sends nothing more.
  ASSERT_EQ(suspend(true).status, 200u);
  ASSERT_EQ(suspend(false).status, 200u);
  EXPECT_EQ(receiver_->wait_for("/user-suspended", 2, std::chrono::seconds(1)).size(), 1u);
}

TEST_F(BackchannelLogoutTest, TheManagementApiSetsChecksAndClearsTheUri) {
  AppCredentials app = make_app("");
  std::string token = management_token();
  std::string path = "/api/applications/" + app.id;
  auto bad = management_request(
      server(), verb::patch, path,
      json::object{{"oidcClientMetadata", {{"backchannelLogoutUri", "not a url"}}}}, token);
  EXPECT_EQ(bad.status, 400u) << bad.body;
  EXPECT_EQ(json_text(bad.json(), "field"), "oidcClientMetadata.backchannelLogoutUri");
  auto fragment = management_request(
      server(), verb::patch, path,
      json::object{{"oidcClientMetadata", {{"backchannelLogoutUri", "https://rp.example/bc#x"}}}},
      token);
  EXPECT_EQ(fragment.status, 400u) << fragment.body;
  auto set = management_request(server(), verb::patch, path,
                                json::object{{"oidcClientMetadata",
                                              {{"backchannelLogoutUri", "https://rp.example/bc"},
                                               {"backchannelLogoutSessionRequired", true}}}},
                                token);
  ASSERT_EQ(set.status, 200u) << set.body;
  json::value body = set.json();
  const auto& metadata = body.at("oidcClientMetadata");
  EXPECT_EQ(json_text(metadata, "backchannelLogoutUri"), "https://rp.example/bc");
  EXPECT_EQ(metadata.at("backchannelLogoutSessionRequired"), json::value(true));
  auto cleared = management_request(
      server(), verb::patch, path,
      json::object{{"oidcClientMetadata", {{"backchannelLogoutUri", nullptr}}}}, token);
  ASSERT_EQ(cleared.status, 200u) << cleared.body;
  EXPECT_FALSE(
      cleared.json().at("oidcClientMetadata").as_object().contains("backchannelLogoutUri"));
}

}  // namespace
}  // namespace latch::test
