// Signing in to a SAML app, Latch as the IdP (SAML profiles §4.1): an SP's AuthnRequest by
// HTTP-Redirect or HTTP-POST, the hosted sign-in through Latch's own authorization endpoint, and
// the signed Response posted to the ACS, checked here with the SAML library's SP side against
// the app's published metadata. Also IdP-initiated sign-in, and the requests Latch refuses.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/form.hpp"
#include "saml/binding.hpp"
#include "saml/messages.hpp"
#include "saml/metadata.hpp"
#include "saml/signature.hpp"
#include "saml/xml.hpp"
#include "support/code_flow.hpp"
#include "support/organizations_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr std::string_view kSpEntity = "https://sp.example.test/metadata";
constexpr std::string_view kAcs = "https://sp.example.test/acs";

class SamlSignInTest : public OrganizationsFixture<SamlSignInTest> {
 protected:
  // A SAML app for the SP above; `more` adds or overrides members.
  static std::string make_app(json::object more = {}) {
    json::object body{{"name", "Wiki"},
                      {"entityId", kSpEntity},
                      {"acsUrl", {{"binding", saml::uri::kHttpPost}, {"url", kAcs}}}};
    for (auto& [k, v] : more) body[k] = v;
    return created_id("/api/saml-applications", body);
  }
  static std::string sso_url(const std::string& app) {
    return server().endpoint() + "/api/saml/" + app + "/authn";
  }
  static saml::AuthnRequest request_for(const std::string& app) {
    return {.id = saml::new_message_id(),
            .issue_instant = std::chrono::system_clock::now(),
            .issuer = std::string(kSpEntity),
            .destination = sso_url(app),
            .acs_url = std::string(kAcs)};
  }
  static std::string redirect_target(const std::string& app, const saml::AuthnRequest& request,
                                     const std::string& relay = "") {
    return "/api/saml/" + app + "/authn?" +
           saml::redirect_query(saml::MessageParam::Request, saml::build_authn_request(request),
                                relay);
  }
  static std::string user(const std::string& name) {
    create_user(server(), {.username = name, .email = name + "@example.test", .name = "N " + name});
    return name;
  }
  // Follows `start` through the hosted sign-in (when a page asks) to the page that posts to the
  // ACS.
  static HttpResponse through_sign_in(BrowserSession& browser, HttpResponse start,
                                      const std::string& username) {
    HttpResponse page = browser.follow(std::move(start));
    if (page.status != 200 || form_action(page.body) != "/sign-in") return page;
    http::Params fields;
    fields.add("identifier", username);
    fields.add("password", "correct horse battery");
    return browser.submit(page, fields);
  }
  // The Response the page posts, checked as an SP checks it.
  static Result<saml::VerifiedAssertion> verified(const std::string& app, const HttpResponse& page,
                                                  std::optional<std::string> in_response_to) {
    EXPECT_EQ(form_action(page.body).value_or(""), kAcs) << page.status << " " << page.body;
    auto xml = saml::post_decode(input_value(page.body, "SAMLResponse").value_or(""));
    if (!xml) return xml.error();
    auto metadata = saml::parse_idp_metadata(
        server().client().get("/api/saml-applications/" + app + "/metadata").body);
    if (!metadata) return metadata.error();
    return saml::parse_response(*xml, {.idp_entity_id = metadata->entity_id,
                                       .idp_certificates = metadata->signing_certificates,
                                       .acs_url = std::string(kAcs),
                                       .sp_entity_id = std::string(kSpEntity),
                                       .in_response_to = std::move(in_response_to),
                                       .required_signature = saml::RequiredSignature::Both,
                                       .now = std::chrono::system_clock::now()});
  }
  static std::string attribute(const saml::VerifiedAssertion& a, std::string_view name) {
    for (const auto& attr : a.attributes) {
      if (attr.name == name && !attr.values.empty()) return attr.values[0];
    }
    return {};
  }
};

TEST_F(SamlSignInTest, RedirectBindingSignsInAndPostsASignedResponseToTheAcs) {
  std::string app = make_app();
  std::string name = user("saml_redirect");
  auto request = request_for(app);
  BrowserSession browser(server());
  auto start = browser.get(redirect_target(app, request, "relay-1"));
  ASSERT_EQ(start.status, 302u) << start.body;
  EXPECT_TRUE(start.header("location").starts_with(server().endpoint() + "/oidc/auth?"));
  auto page = through_sign_in(browser, start, name);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(input_value(page.body, "RelayState").value_or(""), "relay-1");
  auto assertion = verified(app, page, request.id);
  ASSERT_TRUE(assertion) << assertion.error().key << " " << assertion.error().description;
  EXPECT_EQ(assertion->name_id_format, saml::uri::kNameIdPersistent);
  EXPECT_EQ(attribute(*assertion, "sub"), assertion->name_id);  // persistent: the user id
  EXPECT_EQ(attribute(*assertion, "name"), "N " + name);
  EXPECT_EQ(attribute(*assertion, "email"), name + "@example.test");
  EXPECT_FALSE(assertion->session_index.empty());
}

TEST_F(SamlSignInTest, PostBindingReusesTheBrowserSessionAndMapsAttributes) {
  std::string app = make_app({{"nameIdFormat", saml::uri::kNameIdEmail},
                              {"attributeMapping", {{"email", "mail"}, {"name", "displayName"}}}});
  std::string name = user("saml_post");
  BrowserSession browser(server());
  // First a Redirect sign-in, which opens the browser session.
  auto first = through_sign_in(browser, browser.get(redirect_target(app, request_for(app))), name);
  ASSERT_EQ(first.status, 200u) << first.body;
  // Then an HTTP-POST request: no sign-in page this time.
  auto request = request_for(app);
  http::Params form;
  form.add("SAMLRequest", saml::post_encode(saml::build_authn_request(request)));
  form.add("RelayState", "after-post");
  auto page = browser.follow(browser.post_form("/api/saml/" + app + "/authn", form));
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(input_value(page.body, "RelayState").value_or(""), "after-post");
  auto assertion = verified(app, page, request.id);
  ASSERT_TRUE(assertion) << assertion.error().key << " " << assertion.error().description;
  EXPECT_EQ(assertion->name_id, name + "@example.test");
  EXPECT_EQ(attribute(*assertion, "mail"), name + "@example.test");
  EXPECT_EQ(attribute(*assertion, "displayName"), "N " + name);
  EXPECT_EQ(attribute(*assertion, "sub"), "");  // not mapped
}

TEST_F(SamlSignInTest, IdpInitiatedSignInPostsAnUnsolicitedResponse) {
  std::string app = make_app();
  std::string name = user("saml_idp");
  BrowserSession browser(server());
  auto page = through_sign_in(
      browser, browser.get("/api/saml/" + app + "/sign-in?RelayState=%2Fhome"), name);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(input_value(page.body, "RelayState").value_or(""), "/home");
  auto assertion = verified(app, page, std::nullopt);
  ASSERT_TRUE(assertion) << assertion.error().key << " " << assertion.error().description;
}

TEST_F(SamlSignInTest, RefusesUnknownAppsForeignIssuersAndUnregisteredAcs) {
  std::string app = make_app();
  auto client = server().client();
  auto unknown = client.get(redirect_target("nope", request_for(app)));
  EXPECT_EQ(unknown.status, 404u);
  auto foreign = request_for(app);
  foreign.issuer = "https://evil.example.test";
  auto issuer = client.get(redirect_target(app, foreign));
  EXPECT_EQ(issuer.status, 400u);
  EXPECT_EQ(code_of(issuer), "application.saml.auth_request_issuer_not_match");
  auto elsewhere = request_for(app);
  elsewhere.acs_url = "https://evil.example.test/acs";
  auto acs = client.get(redirect_target(app, elsewhere));
  EXPECT_EQ(acs.status, 400u);
  EXPECT_EQ(code_of(acs), "application.saml.acs_url_mismatch");
  auto stale = request_for(app);
  stale.issue_instant -= std::chrono::minutes(30);
  EXPECT_EQ(code_of(client.get(redirect_target(app, stale))),
            "application.saml.invalid_saml_request");
  auto garbage = client.get("/api/saml/" + app + "/authn?SAMLRequest=%%%");
  EXPECT_EQ(garbage.status, 400u);
  auto form = client.post_form("/api/saml/" + app + "/authn", "SAMLRequest=bm90IHhtbA");
  EXPECT_EQ(form.status, 400u);
  EXPECT_EQ(code_of(form), "application.saml.invalid_saml_request");
}

// A person who follows a bad link reads a page in their language; a script still gets JSON.
TEST_F(SamlSignInTest, ABrowserIsToldWhatWentWrongOnAPage) {
  std::string app = make_app();
  auto foreign = request_for(app);
  foreign.issuer = "https://evil.example.test";
  auto page = server().client().get(
      redirect_target(app, foreign),
      {{"Accept", "text/html,application/xhtml+xml"}, {"Accept-Language", "ja"}});
  EXPECT_EQ(page.status, 400u);
  EXPECT_NE(page.header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("エンティティ ID と一致しません"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("\"code\""), std::string::npos);
  auto unknown =
      server().client().get(redirect_target("nope", request_for(app)), {{"Accept", "text/html"}});
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_NE(unknown.header("content-type").find("text/html"), std::string::npos);
  auto script = server().client().get(redirect_target(app, foreign));
  EXPECT_EQ(code_of(script), "application.saml.auth_request_issuer_not_match");
}

TEST_F(SamlSignInTest, RefusesAReplayedRequest) {
  std::string app = make_app();
  std::string target = redirect_target(app, request_for(app));
  EXPECT_EQ(server().client().get(target).status, 302u);
  auto again = server().client().get(target);
  EXPECT_EQ(again.status, 400u);
  EXPECT_EQ(code_of(again), "application.saml.request_replayed");
}

TEST_F(SamlSignInTest, RequiresTheSpSignatureWhenTheAppHasItsCertificate) {
  auto sp_key = saml::generate_signing_key({.not_before = std::chrono::system_clock::now()});
  auto other_key = saml::generate_signing_key({.not_before = std::chrono::system_clock::now()});
  std::string app = make_app({{"spCertificate", sp_key.certificate().pem()}});
  auto client = server().client();
  auto unsigned_request = client.get(redirect_target(app, request_for(app)));
  EXPECT_EQ(unsigned_request.status, 400u);
  EXPECT_EQ(code_of(unsigned_request), "application.saml.invalid_signature");
  auto query = [&](const saml::SigningKey& key) {
    auto xml = saml::build_authn_request(request_for(app));
    auto signed_query =
        saml::sign_redirect_query(saml::redirect_query(saml::MessageParam::Request, xml), key);
    EXPECT_TRUE(signed_query);
    return "/api/saml/" + app + "/authn?" + (signed_query ? *signed_query : std::string());
  };
  auto forged = client.get(query(other_key));
  EXPECT_EQ(forged.status, 400u);
  EXPECT_EQ(code_of(forged), "application.saml.invalid_signature");
  EXPECT_EQ(client.get(query(sp_key)).status, 302u);
  auto metadata =
      saml::parse_idp_metadata(client.get("/api/saml-applications/" + app + "/metadata").body);
  ASSERT_TRUE(metadata);
  EXPECT_TRUE(metadata->want_authn_requests_signed);
}

TEST_F(SamlSignInTest, AnHttpPostRequestMustCarryTheSpsEnvelopedSignature) {
  auto sp_key = saml::generate_signing_key({.not_before = std::chrono::system_clock::now()});
  auto other_key = saml::generate_signing_key({.not_before = std::chrono::system_clock::now()});
  std::string app = make_app({{"spCertificate", sp_key.certificate().pem()}});
  auto post = [&](const saml::SigningKey* key) {
    std::string xml = saml::build_authn_request(request_for(app));
    if (key) {
      auto doc = saml::Document::parse(xml);
      EXPECT_TRUE(doc && saml::sign_enveloped(doc->root(), *key));
      xml = doc->serialize();
    }
    http::Params form;
    form.add("SAMLRequest", saml::post_encode(xml));
    return server().client().post_form("/api/saml/" + app + "/authn", http::encode_form(form));
  };
  auto unsigned_request = post(nullptr);
  EXPECT_EQ(unsigned_request.status, 400u);
  EXPECT_EQ(code_of(unsigned_request), "application.saml.invalid_signature");
  auto forged = post(&other_key);
  EXPECT_EQ(forged.status, 400u);
  EXPECT_EQ(code_of(forged), "application.saml.invalid_signature");
  EXPECT_EQ(post(&sp_key).status, 302u);
}

TEST_F(SamlSignInTest, AnAppWithoutAnSpOrAskingForEncryptionCannotSignIn) {
  std::string bare = created_id("/api/saml-applications", {{"name", "bare"}});
  auto missing = server().client().get(redirect_target(bare, request_for(bare)));
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(code_of(missing), "application.saml.entity_id_required");
  std::string encrypted = make_app({{"encryption",
                                     {{"encryptAssertion", true},
                                      {"encryptThenSign", false},
                                      {"certificate", "-----BEGIN CERTIFICATE-----"}}}});
  BrowserSession browser(server());
  auto page =
      through_sign_in(browser, browser.get(redirect_target(encrypted, request_for(encrypted))),
                      user("saml_encrypted"));
  EXPECT_EQ(page.status, 400u);
  EXPECT_EQ(code_of(page), "application.saml.encryption_not_supported");
}

TEST_F(SamlSignInTest, TheCallbackNeedsTheSessionCookieAndItsState) {
  std::string app = make_app();
  std::string name = user("saml_callback");
  BrowserSession browser(server());
  auto start = browser.get(redirect_target(app, request_for(app)));
  ASSERT_EQ(start.status, 302u);
  std::string callback = "/api/saml-applications/" + app + "/callback?code=x&state=y";
  auto no_cookie = server().client().get(callback);
  EXPECT_EQ(no_cookie.status, 400u);
  EXPECT_EQ(code_of(no_cookie),
            "application.saml.sp_initiated_saml_sso_session_not_found_in_cookies");
  auto wrong_state = browser.get(callback);
  EXPECT_EQ(wrong_state.status, 400u);
  EXPECT_EQ(code_of(wrong_state), "application.saml.state_mismatch");
  // The session is still good for the real answer, and only once.
  auto page = through_sign_in(browser, start, name);
  ASSERT_EQ(page.status, 200u) << page.body;
  auto replay = browser.get(callback);
  EXPECT_EQ(replay.status, 400u);
}

}  // namespace
}  // namespace latch::test
