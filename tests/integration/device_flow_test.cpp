// The device authorization grant (RFC 8628) against the real binary: POST /oidc/device/auth, the
// hosted /device pages driven by a BrowserSession, and the device's polls at /oidc/token.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <regex>
#include <stdexcept>
#include <thread>

#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/oauth_expectations.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr std::string_view kDeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";
const UserSpec kGrace{.username = "grace", .password = "Lantern-Harbor-7261", .name = "Grace"};

AppCredentials create_device_app(const TestServer& server) {
  return create_app(server, "native", {"--device-flow"});
}

// POST /oidc/device/auth as a public client (client_id in the body) with `extra` parameters.
HttpResponse device_auth(const TestServer& server, const std::string& client_id,
                         http::Params extra = {}) {
  http::Params params = std::move(extra);
  params.add("client_id", client_id);
  return server.client().post_form("/oidc/device/auth", http::encode_form(params));
}

// One poll of the token endpoint with `device_code` as `app`.
HttpResponse poll(const TestServer& server, const AppCredentials& app,
                  const std::string& device_code) {
  http::Params params;
  params.add("grant_type", std::string(kDeviceGrant));
  params.add("device_code", device_code);
  return token_request(server, app, std::move(params));
}

// The request target of a URL on the server ("/device?user_code=...").
std::string target_of(const TestServer& server, const std::string& url) {
  const std::string& endpoint = server.endpoint();
  return url.starts_with(endpoint) ? url.substr(endpoint.size()) : url;
}

struct DeviceCodes {
  std::string device_code, user_code, verification_uri_complete;
};

DeviceCodes start(const TestServer& server, const AppCredentials& app,
                  const std::string& scope = "openid profile offline_access") {
  http::Params params;
  params.add("scope", scope);
  HttpResponse res = device_auth(server, app.id, params);
  EXPECT_EQ(res.status, 200u) << res.body;
  if (res.status != 200u) return {};
  json::value body = res.json();
  return {json_text(body, "device_code"), json_text(body, "user_code"),
          json_text(body, "verification_uri_complete")};
}

// Enters `user_code` on /device in `browser`, signs in when asked, and stops at the consent page.
HttpResponse enter_code(BrowserSession& browser, const std::string& user_code,
                        const UserSpec& user) {
  HttpResponse entry = browser.navigate("/device");
  http::Params code;
  code.add("user_code", user_code);
  HttpResponse next = browser.submit(entry, code);
  if (form_action(next.body) != "/sign-in") return next;
  http::Params sign_in;
  sign_in.add("identifier", user.username);
  sign_in.add("password", user.password);
  return browser.submit(next, sign_in);
}

HttpResponse decide(BrowserSession& browser, const HttpResponse& consent, const char* decision) {
  http::Params fields;
  fields.add("decision", decision);
  return browser.submit(consent, fields);
}

class DeviceFlowTest : public SharedServerTest<DeviceFlowTest> {
 public:
  static void provision(TestServer& server) {
    grace_id_ = create_user(server, kGrace);
    device_ = create_device_app(server);
    other_device_ = create_device_app(server);
    native_ = create_app(server, "native", {"--redirect-uri", "com.example.app:/callback"});
    traditional_ = create_user_app(server, {.redirect_uris = {"http://localhost:3000/callback"}});
    operator_ = create_app(server, "m2m", {"--management-api"});
  }

 protected:
  // A device code the user approved in a fresh browser.
  DeviceCodes approved(const std::string& scope = "openid profile offline_access") {
    DeviceCodes codes = start(server(), device_, scope);
    BrowserSession browser(server());
    HttpResponse consent = enter_code(browser, codes.user_code, kGrace);
    EXPECT_EQ(form_action(consent.body), "/device/consent") << consent.body;
    HttpResponse done = decide(browser, consent, "allow");
    EXPECT_EQ(done.status, 200u) << done.body;
    EXPECT_NE(done.body.find("Device connected"), std::string::npos) << done.body;
    return codes;
  }

  static inline std::string grace_id_;
  // A management API token (the console's view of apps).
  std::string management_token() {
    auto res =
        token_with_basic(server(), operator_,
                         "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    return json_text(res.json(), "access_token");
  }

  static inline AppCredentials device_, other_device_, native_, traditional_, operator_;
};

TEST_F(DeviceFlowTest, DiscoveryAdvertisesTheEndpointAndTheGrantType) {
  HttpResponse res = server().client().get("/oidc/.well-known/openid-configuration");
  ASSERT_EQ(res.status, 200u);
  json::value doc = res.json();
  EXPECT_EQ(json_text(doc, "device_authorization_endpoint"),
            server().endpoint() + "/oidc/device/auth");
  const auto& grants = doc.at("grant_types_supported").as_array();
  EXPECT_NE(std::find(grants.begin(), grants.end(), json::value(kDeviceGrant)), grants.end());
}

TEST_F(DeviceFlowTest, TheEndpointAnswersCodesAndWhereToEnterThem) {
  HttpResponse res = device_auth(server(), device_.id);
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  json::value body = res.json();
  std::string user_code = json_text(body, "user_code");
  EXPECT_TRUE(std::regex_match(user_code, std::regex("[BCDFGHJKLMNPQRSTVWXZ]{4}-"
                                                     "[BCDFGHJKLMNPQRSTVWXZ]{4}")))
      << user_code;
  EXPECT_GE(json_text(body, "device_code").size(), 40u);
  EXPECT_EQ(json_text(body, "verification_uri"), server().endpoint() + "/device");
  EXPECT_EQ(json_text(body, "verification_uri_complete"),
            server().endpoint() + "/device?user_code=" + user_code);
  EXPECT_EQ(body.at("expires_in").as_int64(), 600);
  EXPECT_EQ(body.at("interval").as_int64(), 5);
}

TEST_F(DeviceFlowTest, AnApprovedDeviceGetsTheUsersTokensOnce) {
  DeviceCodes codes = approved();
  HttpResponse tokens = poll(server(), device_, codes.device_code);
  ASSERT_EQ(tokens.status, 200u) << tokens.body;
  json::value body = tokens.json();
  EXPECT_FALSE(json_text(body, "id_token").empty());
  EXPECT_FALSE(json_text(body, "refresh_token").empty());  // offline_access
  auto id_token = verified_payload(server(), json_text(body, "id_token"));
  EXPECT_EQ(json_text(id_token, "sub"), grace_id_);
  EXPECT_EQ(json_text(id_token, "aud"), device_.id);
  HttpResponse me = userinfo(server(), json_text(body, "access_token"));
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(json_text(me.json(), "sub"), grace_id_);
  EXPECT_EQ(json_text(me.json(), "name"), "Grace");
  // The refresh token works for a device-flow app as for any other.
  HttpResponse refreshed = refresh(server(), device_, json_text(body, "refresh_token"));
  EXPECT_EQ(refreshed.status, 200u) << refreshed.body;
}

TEST_F(DeviceFlowTest, ARedeemedDeviceCodeIsRefusedAndRevokesItsTokens) {
  DeviceCodes codes = approved();
  HttpResponse first = poll(server(), device_, codes.device_code);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_TRUE(is_oauth_error(poll(server(), device_, codes.device_code), 400, "invalid_grant"));
  EXPECT_EQ(userinfo(server(), json_text(first.json(), "access_token")).status, 401u);
}

TEST_F(DeviceFlowTest, APollBeforeTheUserDecidesIsPending) {
  DeviceCodes codes = start(server(), device_);
  EXPECT_TRUE(
      is_oauth_error(poll(server(), device_, codes.device_code), 400, "authorization_pending"));
}

TEST_F(DeviceFlowTest, PollingFasterThanTheIntervalIsToldToSlowDown) {
  DeviceCodes codes = start(server(), device_);
  ASSERT_TRUE(
      is_oauth_error(poll(server(), device_, codes.device_code), 400, "authorization_pending"));
  EXPECT_TRUE(is_oauth_error(poll(server(), device_, codes.device_code), 400, "slow_down"));
  // RFC 8628 §3.5: the interval grew; polling at once again is still too fast.
  EXPECT_TRUE(is_oauth_error(poll(server(), device_, codes.device_code), 400, "slow_down"));
}

TEST_F(DeviceFlowTest, ADeniedDeviceGetsAccessDenied) {
  DeviceCodes codes = start(server(), device_);
  BrowserSession browser(server());
  HttpResponse consent = enter_code(browser, codes.user_code, kGrace);
  ASSERT_EQ(form_action(consent.body), "/device/consent") << consent.body;
  HttpResponse done = decide(browser, consent, "deny");
  EXPECT_EQ(done.status, 200u) << done.body;
  EXPECT_NE(done.body.find("Access denied"), std::string::npos) << done.body;
  EXPECT_TRUE(is_oauth_error(poll(server(), device_, codes.device_code), 400, "access_denied"));
}

TEST_F(DeviceFlowTest, TheConsentPageNamesTheAppAndTheCode) {
  DeviceCodes codes = start(server(), device_, "openid profile");
  BrowserSession browser(server());
  HttpResponse consent = enter_code(browser, codes.user_code, kGrace);
  ASSERT_EQ(consent.status, 200u) << consent.body;
  EXPECT_NE(consent.body.find("Connect native app?"), std::string::npos) << consent.body;
  EXPECT_NE(consent.body.find(codes.user_code), std::string::npos);
}

TEST_F(DeviceFlowTest, CodesAreAcceptedInAnyCaseAndWithoutTheDash) {
  DeviceCodes codes = start(server(), device_);
  std::string typed = codes.user_code.substr(0, 4) + codes.user_code.substr(5);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  BrowserSession browser(server());
  HttpResponse consent = enter_code(browser, typed, kGrace);
  EXPECT_EQ(form_action(consent.body), "/device/consent") << consent.body;
}

TEST_F(DeviceFlowTest, TheCompleteUriFillsInTheCode) {
  DeviceCodes codes = start(server(), device_);
  BrowserSession browser(server());
  HttpResponse entry = browser.navigate(target_of(server(), codes.verification_uri_complete));
  ASSERT_EQ(entry.status, 200u) << entry.body;
  EXPECT_EQ(input_value(entry.body, "user_code"), codes.user_code);
}

TEST_F(DeviceFlowTest, ASignedInBrowserGoesStraightToConsent) {
  DeviceCodes first = start(server(), device_);
  BrowserSession browser(server());
  // A browser session from an ordinary sign-in.
  AuthorizeRequest request{.client_id = native_.id, .redirect_uri = "com.example.app:/callback"};
  request.code_challenge = make_pkce().challenge;
  HttpResponse signed_in =
      authorize_and_sign_in(browser, request, kGrace.username, kGrace.password);
  ASSERT_FALSE(code_of(signed_in).empty()) << signed_in.body;
  HttpResponse entry = browser.navigate("/device");
  http::Params code;
  code.add("user_code", first.user_code);
  HttpResponse consent = browser.submit(entry, code);
  EXPECT_EQ(form_action(consent.body), "/device/consent") << consent.body;
}

TEST_F(DeviceFlowTest, ASignInOnTheDevicePageLeavesABrowserSession) {
  BrowserSession browser(server());
  DeviceCodes first = start(server(), device_);
  HttpResponse consent = enter_code(browser, first.user_code, kGrace);
  ASSERT_EQ(form_action(consent.body), "/device/consent") << consent.body;
  ASSERT_EQ(decide(browser, consent, "allow").status, 200u);
  EXPECT_TRUE(browser.cookie("_latch_session").has_value());
  // The next device goes straight to consent in this browser.
  DeviceCodes second = start(server(), device_);
  HttpResponse entry = browser.navigate("/device");
  http::Params code;
  code.add("user_code", second.user_code);
  EXPECT_EQ(form_action(browser.submit(entry, code).body), "/device/consent");
}

TEST_F(DeviceFlowTest, AWrongCodeIsRefusedOnThePage) {
  BrowserSession browser(server());
  HttpResponse entry = browser.navigate("/device");
  http::Params code;
  code.add("user_code", "BCDF-GHJK");
  HttpResponse again = browser.submit(entry, code);
  EXPECT_EQ(again.status, 400u);
  EXPECT_EQ(form_action(again.body), "/device");
  EXPECT_NE(again.body.find("not valid or has expired"), std::string::npos) << again.body;
}

TEST_F(DeviceFlowTest, TheCodeFormNeedsItsCsrfToken) {
  BrowserSession browser(server());
  browser.navigate("/device");
  http::Params form;
  form.add("user_code", "BCDF-GHJK");
  form.add("csrf", "forged");
  EXPECT_EQ(browser.post_form("/device", form).status, 400u);
  BrowserSession stranger(server());  // no device cookie at all
  EXPECT_EQ(stranger.post_form("/device", form).status, 400u);
}

TEST_F(DeviceFlowTest, TheConsentPageNeedsADeviceSignIn) {
  BrowserSession browser(server());
  HttpResponse res = browser.get("/device/consent");
  EXPECT_EQ(res.status, 404u) << res.body;
}

TEST_F(DeviceFlowTest, PagesSpeakJapanese) {
  BrowserSession browser(server());
  HttpResponse entry = browser.get("/device");
  ASSERT_EQ(entry.status, 200u);
  EXPECT_NE(entry.body.find("Connect a device"), std::string::npos);
  HttpResponse ja = server().client().get("/device", {{"Accept-Language", "ja-JP,ja;q=0.9"}});
  EXPECT_NE(ja.body.find("デバイスを接続"), std::string::npos) << ja.body;
}

TEST_F(DeviceFlowTest, AnUnknownClientIsInvalidClient) {
  EXPECT_TRUE(is_oauth_error(device_auth(server(), "no-such-client"), 400, "invalid_client"));
}

TEST_F(DeviceFlowTest, AnAppWithoutDeviceFlowIsUnauthorizedClient) {
  EXPECT_TRUE(is_oauth_error(device_auth(server(), native_.id), 400, "unauthorized_client"));
  http::Params params;
  params.add("scope", "openid");
  HttpResponse confidential = server().client().post_form(
      "/oidc/device/auth", http::encode_form(params),
      {{"Authorization", basic_auth(traditional_.id, traditional_.secret)}});
  EXPECT_TRUE(is_oauth_error(confidential, 400, "unauthorized_client"));
  DeviceCodes codes = start(server(), device_);
  EXPECT_TRUE(
      is_oauth_error(poll(server(), native_, codes.device_code), 400, "unauthorized_client"));
}

TEST_F(DeviceFlowTest, ACodeOfAnotherClientIsInvalidGrant) {
  DeviceCodes codes = approved();
  EXPECT_TRUE(
      is_oauth_error(poll(server(), other_device_, codes.device_code), 400, "invalid_grant"));
  // The owner still redeems it: another client cannot burn it.
  EXPECT_EQ(poll(server(), device_, codes.device_code).status, 200u);
}

TEST_F(DeviceFlowTest, AMissingOrUnknownDeviceCodeIsRefused) {
  http::Params params;
  params.add("grant_type", std::string(kDeviceGrant));
  EXPECT_TRUE(is_oauth_error(token_request(server(), device_, params), 400, "invalid_request"));
  EXPECT_TRUE(is_oauth_error(poll(server(), device_, "not-a-device-code"), 400, "invalid_grant"));
}

TEST_F(DeviceFlowTest, AnUnknownResourceIsInvalidTarget) {
  http::Params params;
  params.add("resource", "https://unknown.example.test");
  EXPECT_TRUE(is_oauth_error(device_auth(server(), device_.id, params), 400, "invalid_target"));
}

TEST_F(DeviceFlowTest, ADeviceFlowAppCannotUseTheAuthorizationEndpoint) {
  AuthorizeRequest request{.client_id = device_.id, .redirect_uri = "com.example.app:/callback"};
  request.code_challenge = make_pkce().challenge;
  EXPECT_TRUE(is_error_page(server().client().get(request.target())));
}

TEST_F(DeviceFlowTest, TheManagementApiSetsIsDeviceFlowOnNativeAppsAtCreationOnly) {
  using boost::beast::http::verb;
  std::string token = management_token();
  ASSERT_FALSE(token.empty());
  json::object native{
      {"name", "TV"}, {"type", "Native"}, {"customClientMetadata", {{"isDeviceFlow", true}}}};
  HttpResponse created =
      management_request(server(), verb::post, "/api/applications", native, token);
  ASSERT_EQ(created.status, 200u) << created.body;
  json::value app = created.json();
  EXPECT_EQ(app.at("customClientMetadata").at("isDeviceFlow"), json::value(true));
  std::string id = json_text(app, "id");
  // The new app works at once (the catalog reads through).
  EXPECT_EQ(device_auth(server(), id).status, 200u);

  json::object spa{
      {"name", "Web"}, {"type", "SPA"}, {"customClientMetadata", {{"isDeviceFlow", true}}}};
  HttpResponse refused = management_request(server(), verb::post, "/api/applications", spa, token);
  EXPECT_EQ(refused.status, 422u) << refused.body;
  EXPECT_EQ(json_text(refused.json(), "code"), "application.device_flow_native_only");

  json::object off{{"customClientMetadata", {{"isDeviceFlow", false}}}};
  HttpResponse changed =
      management_request(server(), verb::patch, "/api/applications/" + id, off, token);
  EXPECT_EQ(changed.status, 422u) << changed.body;
  EXPECT_EQ(json_text(changed.json(), "code"), "application.device_flow_not_changeable");
  json::object same{{"customClientMetadata", {{"isDeviceFlow", true}}}, {"name", "TV 2"}};
  EXPECT_EQ(
      management_request(server(), verb::patch, "/api/applications/" + id, same, token).status,
      200u);
}

// A device code lives device_code_ttl seconds (1 here).
TEST(DeviceFlowExpiryTest, AnExpiredDeviceCodeIsExpiredToken) {
  TestServer server({.env = {{"LATCH_DEVICE_CODE_TTL", "1"}}});
  AppCredentials device = create_device_app(server);
  DeviceCodes codes = start(server, device);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_TRUE(is_oauth_error(poll(server, device, codes.device_code), 400, "expired_token"));
  // Its user code no longer leads anywhere either.
  BrowserSession browser(server);
  HttpResponse entry = browser.navigate("/device");
  http::Params code;
  code.add("user_code", codes.user_code);
  EXPECT_EQ(browser.submit(entry, code).status, 400u);
}

// Wrong user codes count per client address: three per window here.
TEST(DeviceFlowLimitTest, WrongUserCodesAreRateLimitedPerAddress) {
  TestServer server(
      {.env = {{"LATCH_DEVICE_CODE_FAILURES_PER_IP", "3"}, {"LATCH_RATE_LIMIT_WINDOW", "3600"}}});
  AppCredentials device = create_device_app(server);
  DeviceCodes codes = start(server, device);
  BrowserSession browser(server);
  HttpResponse entry = browser.navigate("/device");
  http::Params wrong;
  wrong.add("user_code", "ZZZZ-ZZZZ");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(browser.submit(entry, wrong).status, 400u) << i;
  HttpResponse limited = browser.submit(entry, wrong);
  EXPECT_EQ(limited.status, 429u) << limited.body;
  EXPECT_FALSE(limited.header("Retry-After").empty());
  // While blocked, even the right code is refused: guessing cannot go on.
  http::Params right;
  right.add("user_code", codes.user_code);
  EXPECT_EQ(browser.submit(entry, right).status, 429u);
}

}  // namespace
}  // namespace latch::test
