// Enterprise SSO over SAML 2.0 with Latch as the service provider. The IdP is pysaml2
// (tests/fakes/saml_idp/pysaml2_idp.py) for the interoperable round trip; the refusals are
// Responses the SAML library builds with the same IdP key, altered the way an attacker would.
// The browser goes: "Single sign-on" → the IdP's SSO URL with a Redirect AuthnRequest → (the
// IdP) → a POST of the Response to the ACS, which carries no interaction cookie → the callback,
// which verifies the Response against the request ID the interaction kept.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "http/form.hpp"
#include "saml/binding.hpp"
#include "saml/certificate.hpp"
#include "saml/messages.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/provisioning.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:3000/callback";
constexpr const char* kIdpEntity = "https://idp.acme.test/saml";
constexpr const char* kIdpSso = "https://idp.acme.test/sso";

std::string idp_script() {
  return std::string(LATCH_SOURCE_DIR) + "/tests/fakes/saml_idp/pysaml2_idp.py";
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

class SamlSsoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rp_ = std::make_unique<TestServer>();
    app_ = create_user_app(*rp_, {.redirect_uris = {kCallback}});
    ASSERT_TRUE(wait_until_client_known(*rp_, app_, kCallback));
    admin_ = create_app(*rp_, "m2m", {"--management-api"});
    ASSERT_TRUE(wait_until_token_issued(*rp_, admin_, "urn:latch:management"));
    http::Params params{{"grant_type", "client_credentials"},
                        {"resource", "urn:latch:management"},
                        {"scope", "all"}};
    token_ = json_text(token_request(*rp_, admin_, params).json(), "access_token");
    ASSERT_EQ(rp_->cli({"experience", "set", "singleSignOnEnabled=true"}).exit_code, 0);

    key_ = saml::generate_signing_key(
        {.common_name = "Acme IdP",
         .not_before = std::chrono::system_clock::now() - std::chrono::hours(1)});
    write_file(dir_.path() / "idp.key", key_->private_key_pem());
    write_file(dir_.path() / "idp.crt", key_->certificate().pem());
    auto metadata = python({"metadata"});
    ASSERT_EQ(metadata.exit_code, 0) << metadata.err;
    idp_metadata_ = metadata.out;

    auto org = api(verb::post, "/api/organizations", json::object{{"name", "Acme"}});
    ASSERT_EQ(org.status, 201u) << org.body;
    org_ = json_text(org.json(), "id");
    auto connector = api(verb::post, "/api/sso-connectors",
                         json::object{{"providerName", "SAML"},
                                      {"connectorName", "Acme SAML"},
                                      {"domains", json::array{"acme.test"}},
                                      {"config", {{"metadata", idp_metadata_}}}});
    ASSERT_EQ(connector.status, 200u) << connector.body;
    connector_ = json_text(connector.json(), "id");
    entity_id_ = rp_->endpoint() + "/enterprise-sso/" + connector_;
    acs_ = rp_->endpoint() + "/api/authn/single-sign-on/saml/" + connector_;
    auto jit = api(verb::post, "/api/organizations/" + org_ + "/jit/sso-connectors",
                   json::object{{"ssoConnectorIds", json::array{json::string(connector_)}}});
    ASSERT_EQ(jit.status, 201u) << jit.body;
    refresh_sp_metadata();
  }

  void refresh_sp_metadata() {
    auto sp = rp_->client().get("/api/sso-connectors/" + connector_ + "/metadata");
    ASSERT_EQ(sp.status, 200u) << sp.body;
    write_file(dir_.path() / "sp.xml", sp.body);
  }

  HttpResponse api(verb method, const std::string& path, const json::value& body = nullptr) {
    return management_request(*rp_, method, path, body, token_);
  }

  ProcessResult python(std::vector<std::string> args) {
    std::vector<std::string> argv{"/usr/bin/python3", idp_script()};
    argv.insert(argv.end(), args.begin(), args.end());
    for (std::string option : {"--entity-id", kIdpEntity, "--sso-url", kIdpSso}) {
      argv.push_back(option);
    }
    argv.insert(argv.end(), {"--key", (dir_.path() / "idp.key").string(), "--cert",
                             (dir_.path() / "idp.crt").string()});
    return run_process({.argv = argv, .env = {"PATH=/usr/bin:/bin"}}, std::chrono::seconds(30));
  }

  // The sign-in page → "Single sign-on" → the work email → the redirect to the IdP.
  HttpResponse to_idp(BrowserSession& rp, const std::string& email = "alice@acme.test") {
    HttpResponse page;
    EXPECT_TRUE(eventually([&] {
      AuthorizeRequest request{
          .client_id = app_.id, .redirect_uri = kCallback, .scope = "openid profile email"};
      page = rp.navigate(request.target());
      return page.body.find("Single sign-on") != std::string::npos;
    })) << page.body.substr(0, 1000);
    auto sso = rp.navigate("/sso");
    http::Params form;
    form.add("csrf", input_value(sso.body, "csrf").value_or(""));
    form.add("email", email);
    auto out = rp.post_form("/sso", form);
    EXPECT_TRUE(out.header("Location").starts_with(std::string(kIdpSso) + "?"))
        << out.status << out.body.substr(0, 1000);
    return out;
  }

  // pysaml2's answer to the AuthnRequest at `location`: {acs, SAMLResponse, RelayState}.
  json::object pysaml2_answer(const std::string& location, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"respond",
                                  "--url",
                                  location,
                                  "--sp-metadata",
                                  (dir_.path() / "sp.xml").string(),
                                  "--name-id",
                                  "alice@acme.test",
                                  "--email",
                                  "alice@acme.test",
                                  "--name",
                                  "Alice Acme"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto answered = python(args);
    EXPECT_EQ(answered.exit_code, 0) << answered.err;
    auto parsed = json::parse(answered.out.empty() ? "{}" : answered.out);
    return parsed.as_object();
  }

  // The IdP's browser POST to the ACS: a session with no cookies, as a cross-site POST is.
  HttpResponse post_to_acs(const std::string& saml_response, const std::string& relay_state) {
    BrowserSession idp_side(*rp_);
    http::Params form;
    form.add("SAMLResponse", saml_response);
    if (!relay_state.empty()) form.add("RelayState", relay_state);
    return idp_side.post_form(acs_, form);
  }

  // The ACS's redirect, followed in the person's browser: the client's callback or an error.
  HttpResponse back_at_rp(BrowserSession& rp, const HttpResponse& from_acs) {
    EXPECT_EQ(from_acs.status, 302u) << from_acs.body;
    return rp.follow(rp.get(from_acs.header("Location")));
  }

  json::object id_token_claims(const HttpResponse& at_client) {
    std::string code = code_of(at_client);
    EXPECT_FALSE(code.empty()) << at_client.status << at_client.body.substr(0, 2000);
    if (code.empty()) return {};
    auto tokens = redeem_code(*rp_, app_, code, kCallback).json();
    return verified_payload(*rp_, json_text(tokens, "id_token"));
  }

  // The AuthnRequest Latch sent in `location` (HTTP-Redirect).
  saml::AuthnRequest request_of(const HttpResponse& to_idp_answer) {
    std::string location = to_idp_answer.header("Location");
    auto message = saml::decode_redirect(location.substr(location.find('?') + 1));
    EXPECT_TRUE(message) << message.error().detail;
    auto request = saml::parse_authn_request(message->xml);
    EXPECT_TRUE(request) << request.error().detail;
    return *request;
  }

  // What an honest IdP answers to `request_id`; tests alter it.
  saml::ResponseParams honest(const std::string& request_id) {
    auto now = std::chrono::system_clock::now();
    return {.response_id = saml::new_message_id(),
            .assertion_id = saml::new_message_id(),
            .issue_instant = now,
            .issuer = kIdpEntity,
            .acs_url = acs_,
            .in_response_to = request_id,
            .audience = entity_id_,
            .name_id = "alice@acme.test",
            .name_id_format = std::string(saml::uri::kNameIdEmail),
            .authn_instant = now,
            .session_index = "s1",
            .attributes = {{.name = "email", .values = {"alice@acme.test"}},
                           {.name = "name", .values = {"Alice Acme"}}}};
  }

  std::string encoded(const std::string& xml) { return saml::post_encode(xml); }

  std::string built(const saml::ResponseParams& params) {
    auto xml = saml::build_response(params, *key_);
    EXPECT_TRUE(xml);
    return xml ? *xml : std::string();
  }

  // One sign-in whose Response is `make(request ID)`; the person's browser's last stop.
  template <class Make>
  HttpResponse sign_in_with(BrowserSession& rp, Make make) {
    auto out = to_idp(rp);
    std::string relay(location_query(out).value("RelayState"));
    auto from_acs = post_to_acs(encoded(make(request_of(out).id)), relay);
    if (from_acs.status != 302u) return from_acs;
    return rp.follow(rp.get(from_acs.header("Location")));
  }

  TempDir dir_;
  std::unique_ptr<TestServer> rp_;
  AppCredentials app_, admin_;
  std::optional<saml::SigningKey> key_;
  std::string token_, org_, connector_, entity_id_, acs_, idp_metadata_;
};

TEST_F(SamlSsoTest, TheConnectorShowsItsServiceProviderAsLogtoDoes) {
  auto got = api(verb::get, "/api/sso-connectors/" + connector_);
  ASSERT_EQ(got.status, 200u) << got.body;
  auto body = got.json();
  EXPECT_EQ(json_text(body, "providerType"), "saml");
  const auto& config = body.at("providerConfig");
  EXPECT_EQ(json_text(config.at("serviceProvider"), "entityId"), entity_id_);
  EXPECT_EQ(json_text(config.at("serviceProvider"), "assertionConsumerServiceUrl"), acs_);
  std::string metadata_url = json_text(config.at("serviceProvider"), "metadataUrl");
  EXPECT_EQ(metadata_url, rp_->endpoint() + "/api/sso-connectors/" + connector_ + "/metadata");
  EXPECT_EQ(json_text(config.at("defaultAttributeMapping"), "id"), "nameID");
  EXPECT_EQ(json_text(config.at("identityProvider"), "entityId"), kIdpEntity);
  EXPECT_EQ(json_text(config.at("identityProvider"), "signInEndpoint"), kIdpSso);
  EXPECT_TRUE(config.at("identityProvider").at("isCertificateValid").as_bool());

  auto metadata = rp_->client().get("/api/sso-connectors/" + connector_ + "/metadata");
  EXPECT_EQ(metadata.status, 200u);
  EXPECT_TRUE(metadata.header("Content-Type").starts_with("application/samlmetadata+xml"));
  EXPECT_NE(metadata.body.find("entityID=\"" + entity_id_ + "\""), std::string::npos);
  EXPECT_NE(metadata.body.find("Location=\"" + acs_ + "\""), std::string::npos);
  EXPECT_EQ(rp_->client().get("/api/sso-connectors/nope/metadata").status, 404u);
}

TEST_F(SamlSsoTest, Pysaml2SignsAliceInAndSheBecomesAMemberWithAnSsoIdentity) {
  BrowserSession rp(*rp_);
  auto out = to_idp(rp);
  auto request = request_of(out);
  EXPECT_EQ(request.issuer, entity_id_);
  EXPECT_EQ(request.acs_url, acs_);
  EXPECT_EQ(request.destination, kIdpSso);
  auto answer = pysaml2_answer(out.header("Location"));
  EXPECT_EQ(json_text(answer, "acs"), acs_);
  auto claims = id_token_claims(back_at_rp(
      rp, post_to_acs(json_text(answer, "SAMLResponse"), json_text(answer, "RelayState"))));
  EXPECT_EQ(json_text(claims, "email"), "alice@acme.test");
  std::string user = json_text(claims, "sub");
  ASSERT_FALSE(user.empty());

  auto got = api(verb::get, "/api/users/" + user + "?includeSsoIdentities=true");
  ASSERT_EQ(got.status, 200u) << got.body;
  auto body = got.json();
  const auto& identities = body.at("ssoIdentities").as_array();
  ASSERT_EQ(identities.size(), 1u);
  EXPECT_EQ(json_text(identities[0], "issuer"), kIdpEntity);
  EXPECT_EQ(json_text(identities[0], "identityId"), "alice@acme.test");
  // pysaml2's attributes, as the IdP sent them.
  const auto& raw = identities[0].at("detail").at("rawData");
  EXPECT_EQ(json_text(raw, "displayName"), "Alice Acme");
  EXPECT_EQ(raw.at("groups"), (json::array{"admins", "staff"}));
  auto members = api(verb::get, "/api/organizations/" + org_ + "/users");
  ASSERT_EQ(members.json().as_array().size(), 1u);

  // The next sign-in finds her by the identity.
  BrowserSession again(*rp_);
  auto second_out = to_idp(again);
  auto second = pysaml2_answer(second_out.header("Location"));
  auto claims2 = id_token_claims(back_at_rp(
      again, post_to_acs(json_text(second, "SAMLResponse"), json_text(second, "RelayState"))));
  EXPECT_EQ(json_text(claims2, "sub"), user);
}

TEST_F(SamlSsoTest, TheAttributeMappingNamesWhereTheNameComesFrom) {
  auto patched = api(verb::patch, "/api/sso-connectors/" + connector_,
                     json::object{{"config",
                                   {{"metadata", idp_metadata_},
                                    {"attributeMapping", {{"name", "displayName"}}}}}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  BrowserSession rp(*rp_);
  auto out = to_idp(rp);
  auto answer = pysaml2_answer(out.header("Location"));
  auto claims = id_token_claims(back_at_rp(
      rp, post_to_acs(json_text(answer, "SAMLResponse"), json_text(answer, "RelayState"))));
  EXPECT_EQ(json_text(claims, "name"), "Alice Acme");
}

TEST_F(SamlSsoTest, TheExperienceApiGoesThroughTheAcsToTheClientsRedirectUri) {
  BrowserSession rp(*rp_);
  to_idp(rp);  // an interaction with its cookie
  Headers headers{{"Content-Type", "application/json"},
                  {"Cookie", "_latch_interaction=" + rp.cookie("_latch_interaction").value_or("")}};
  auto call = [&](verb method, const std::string& path, const json::value& body) {
    return rp_->client().request(method, "/api/experience" + path, json::serialize(body), headers);
  };
  ASSERT_EQ(call(verb::put, "", json::object{{"interactionEvent", "SignIn"}}).status, 204u);
  std::string client_callback = "https://app.example/sso-callback";
  auto started = call(verb::post, "/verification/sso/" + connector_ + "/authorization-uri",
                      json::object{{"state", "client-state"}, {"redirectUri", client_callback}});
  ASSERT_EQ(started.status, 200u) << started.body;
  std::string vid = json_text(started.json(), "verificationId");
  auto answer = pysaml2_answer(json_text(started.json(), "authorizationUri"));
  auto from_acs = post_to_acs(json_text(answer, "SAMLResponse"), json_text(answer, "RelayState"));
  ASSERT_EQ(from_acs.status, 302u) << from_acs.body;
  EXPECT_EQ(from_acs.header("Location"), client_callback + "?state=client-state");
  // A SAMLResponse in connectorData is ignored: the one the ACS kept is verified.
  auto verified = call(
      verb::post, "/verification/sso/" + connector_ + "/verify",
      json::object{{"verificationId", vid},
                   {"connectorData", {{"state", "client-state"}, {"SAMLResponse", "forged"}}}});
  ASSERT_EQ(verified.status, 200u) << verified.body;
  auto identified = call(verb::post, "/identification", json::object{{"verificationId", vid}});
  EXPECT_EQ(identified.status, 404u);
  EXPECT_EQ(json_text(identified.json(), "code"), "user.sso_identity_not_exist");
}

// ---- test connection

TEST_F(SamlSsoTest, TestConnectionGoesThroughTheAcsAndShowsTheAttributes) {
  auto link = api(verb::post, "/api/sso-connectors/" + connector_ + "/test-sessions");
  ASSERT_EQ(link.status, 201u) << link.body;
  BrowserSession admin(*rp_);
  auto out = admin.get(json_text(link.json().as_object(), "url"));
  ASSERT_TRUE(out.header("Location").starts_with(std::string(kIdpSso) + "?")) << out.status;
  EXPECT_EQ(request_of(out).acs_url, acs_);
  auto answer = pysaml2_answer(out.header("Location"));
  auto from_acs = post_to_acs(json_text(answer, "SAMLResponse"), json_text(answer, "RelayState"));
  ASSERT_EQ(from_acs.status, 302u) << from_acs.body;
  auto result = admin.get(from_acs.header("Location"));
  EXPECT_EQ(result.status, 200u) << result.body.substr(0, 2000);
  for (const char* shown : {"The identity provider signed this person in.", kIdpEntity,
                            "alice@acme.test", "displayName", "Alice Acme", "admins"}) {
    EXPECT_NE(result.body.find(shown), std::string::npos) << shown;
  }
  auto users = api(verb::get, "/api/users");
  EXPECT_TRUE(users.json().as_array().empty()) << users.body;
}

TEST_F(SamlSsoTest, TestConnectionRefusesATamperedAssertionAndSaysWhy) {
  auto link = api(verb::post, "/api/sso-connectors/" + connector_ + "/test-sessions");
  ASSERT_EQ(link.status, 201u) << link.body;
  BrowserSession admin(*rp_);
  auto out = admin.get(json_text(link.json().as_object(), "url"));
  std::string relay(location_query(out).value("RelayState"));
  std::string xml = built(honest(request_of(out).id));
  xml.replace(xml.find("alice@acme.test"), 5, "mallo");
  auto from_acs = post_to_acs(encoded(xml), relay);
  ASSERT_EQ(from_acs.status, 302u) << from_acs.body;
  auto result = admin.get(from_acs.header("Location"));
  EXPECT_EQ(result.status, 400u);
  EXPECT_NE(result.body.find("The signature of the SAML message is not valid."), std::string::npos)
      << result.body.substr(0, 2000);
  EXPECT_EQ(result.body.find("mallo"), std::string::npos);
}

// ---- refusals

TEST_F(SamlSsoTest, ATamperedAssertionIsRefused) {
  BrowserSession rp(*rp_);
  auto res = sign_in_with(rp, [&](const std::string& id) {
    std::string xml = built(honest(id));
    auto at = xml.find("alice@acme.test");
    return xml.replace(at, 5, "mallo");
  });
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find("The signature of the SAML message is not valid."), std::string::npos)
      << res.body.substr(0, 1500);
  EXPECT_TRUE(code_of(res).empty());
}

TEST_F(SamlSsoTest, AnAssertionForAnotherAudienceIsRefused) {
  BrowserSession rp(*rp_);
  auto res = sign_in_with(rp, [&](const std::string& id) {
    auto params = honest(id);
    params.audience = "https://other.example/sp";
    return built(params);
  });
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find("meant for another service"), std::string::npos);
}

TEST_F(SamlSsoTest, AnExpiredAssertionIsRefused) {
  BrowserSession rp(*rp_);
  auto res = sign_in_with(rp, [&](const std::string& id) {
    auto params = honest(id);
    params.issue_instant = std::chrono::system_clock::now() - std::chrono::hours(1);
    params.authn_instant = params.issue_instant;
    return built(params);
  });
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find("The SAML assertion has expired."), std::string::npos);
}

TEST_F(SamlSsoTest, AResponseToAnotherRequestIsRefused) {
  BrowserSession rp(*rp_);
  auto res = sign_in_with(rp, [&](const std::string&) { return built(honest("_another")); });
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find("does not answer this sign-in"), std::string::npos);
}

TEST_F(SamlSsoTest, AnUnsignedResponseIsRefused) {
  BrowserSession rp(*rp_);
  auto res = sign_in_with(rp, [&](const std::string& id) {
    std::string xml = built(honest(id));
    auto start = xml.find("<ds:Signature");
    auto end = xml.find("</ds:Signature>");
    if (start == std::string::npos || end == std::string::npos) return xml;
    return xml.erase(start, end + 15 - start);
  });
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find("not signed"), std::string::npos) << res.body.substr(0, 1500);
}

TEST_F(SamlSsoTest, AWrappedAssertionIsRefused) {
  BrowserSession rp(*rp_);
  auto res = sign_in_with(rp, [&](const std::string& id) {
    // The signed assertion stays; an unsigned one naming mallory is slipped in before it.
    std::string xml = built(honest(id));
    auto start = xml.find("<saml:Assertion");
    auto end = xml.find("</saml:Assertion>") + 17;
    std::string evil = xml.substr(start, end - start);
    auto sig = evil.find("<ds:Signature");
    evil.erase(sig, evil.find("</ds:Signature>") + 15 - sig);
    evil.replace(evil.find("ID=\"") + 4, 1, "_evil");
    evil.replace(evil.find("alice@acme.test"), 5, "mallo");
    return xml.insert(start, evil);
  });
  EXPECT_EQ(res.status, 400u);
  EXPECT_TRUE(code_of(res).empty());
}

TEST_F(SamlSsoTest, AnExternalEntityIsRefusedAtTheDoctype) {
  BrowserSession rp(*rp_);
  auto res = sign_in_with(rp, [&](const std::string& id) {
    std::string xml = built(honest(id));
    std::string doctype = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
    auto root = xml.find("<samlp:Response");
    return xml.insert(root, doctype);
  });
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(res.body.find("root:"), std::string::npos);
}

TEST_F(SamlSsoTest, AnAssertionIsAcceptedOnlyOnce) {
  std::string assertion_id = saml::new_message_id();
  auto same_assertion = [&](const std::string& id) {
    auto params = honest(id);
    params.assertion_id = assertion_id;
    return built(params);
  };
  BrowserSession first(*rp_);
  EXPECT_FALSE(code_of(sign_in_with(first, same_assertion)).empty());
  BrowserSession second(*rp_);
  auto replayed = sign_in_with(second, same_assertion);
  EXPECT_EQ(replayed.status, 400u);
  EXPECT_NE(replayed.body.find("was used already"), std::string::npos);
}

// An IdP that rotates its signing certificate publishes the new one at its metadata URL: the
// first Response signed with the new key makes Latch fetch the metadata again rather than refuse
// sign-ins until its cached copy expires.
TEST_F(SamlSsoTest, ARotatedIdpCertificateIsFetchedFromTheMetadataUrl) {
  std::filesystem::path site = dir_.path() / "site";
  std::filesystem::create_directories(site);
  write_file(site / "metadata.xml", idp_metadata_);
  Process server({.argv = {"/usr/bin/python3", "-u", "-m", "http.server", "0", "--bind",
                           "127.0.0.1", "--directory", site.string()},
                  .env = {"PATH=/usr/bin:/bin"}});
  auto banner = server.read_line(std::chrono::seconds(10));
  ASSERT_TRUE(banner);
  auto port_at = banner->find(" port ");
  ASSERT_NE(port_at, std::string::npos) << *banner;
  std::string port = banner->substr(port_at + 6, banner->find(' ', port_at + 6) - port_at - 6);
  auto patched = api(
      verb::patch, "/api/sso-connectors/" + connector_,
      json::object{{"config", {{"metadataUrl", "http://127.0.0.1:" + port + "/metadata.xml"}}}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  BrowserSession before(*rp_);
  EXPECT_FALSE(code_of(sign_in_with(before, [&](const std::string& id) {
                 return built(honest(id));
               })).empty());

  key_ = saml::generate_signing_key(
      {.common_name = "Acme IdP 2027",
       .not_before = std::chrono::system_clock::now() - std::chrono::hours(1)});
  write_file(dir_.path() / "idp.key", key_->private_key_pem());
  write_file(dir_.path() / "idp.crt", key_->certificate().pem());
  auto rotated = python({"metadata"});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  write_file(site / "metadata.xml", rotated.out);
  HttpResponse last;
  EXPECT_TRUE(eventually(
      [&] {
        BrowserSession after(*rp_);
        last = sign_in_with(after, [&](const std::string& id) { return built(honest(id)); });
        return !code_of(last).empty();
      },
      std::chrono::seconds(10), std::chrono::milliseconds(250)))
      << last.status << " " << last.body.substr(0, 1000);
}

TEST_F(SamlSsoTest, TheAcsRefusesWhatNoSignInAwaits) {
  BrowserSession rp(*rp_);
  auto out = to_idp(rp);
  std::string relay(location_query(out).value("RelayState"));
  std::string response = encoded(built(honest(request_of(out).id)));
  // An unknown RelayState, and no RelayState at all (IdP-initiated, off by default).
  auto unknown = post_to_acs(response, "not-a-relay-state");
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(json_text(unknown.json(), "code"), "session.connector_validation_session_not_found");
  auto unsolicited = post_to_acs(response, "");
  EXPECT_EQ(unsolicited.status, 404u);
  // The genuine POST is taken once; a second POST for the same sign-in finds it answered.
  EXPECT_EQ(post_to_acs(response, relay).status, 302u);
  EXPECT_EQ(post_to_acs(response, relay).status, 404u);
  // Garbage is a 400, never a 500.
  EXPECT_EQ(post_to_acs("%%%not base64", relay).status, 400u);
  BrowserSession other(*rp_);
  http::Params form;
  form.add("RelayState", relay);
  EXPECT_EQ(other.post_form(acs_, form).status, 400u);
  EXPECT_EQ(other.post_form("/api/authn/single-sign-on/saml/nope", form).status, 404u);
}

TEST_F(SamlSsoTest, TheCallbackTakesTheResponseOnce) {
  BrowserSession rp(*rp_);
  auto out = to_idp(rp);
  std::string relay(location_query(out).value("RelayState"));
  auto from_acs = post_to_acs(encoded(built(honest(request_of(out).id))), relay);
  ASSERT_EQ(from_acs.status, 302u) << from_acs.body;
  EXPECT_FALSE(code_of(rp.follow(rp.get(from_acs.header("Location")))).empty());
  // The same callback again: the sign-in and its Response are gone.
  auto again = rp.follow(rp.get(from_acs.header("Location")));
  EXPECT_GE(again.status, 400u);
  EXPECT_TRUE(code_of(again).empty());
}

// ---- IdP-initiated SSO

TEST_F(SamlSsoTest, AnUnsolicitedResponseLandsOnTheConfiguredAppOnlyOnceItIsOn) {
  auto unsolicited = [&] {
    auto params = honest("");
    return encoded(built(params));
  };
  // Off by default: refused at the ACS.
  auto off = post_to_acs(unsolicited(), "");
  EXPECT_EQ(off.status, 404u);
  EXPECT_EQ(
      api(verb::get, "/api/sso-connectors/" + connector_ + "/idp-initiated-auth-config").status,
      404u);

  auto put = api(verb::put, "/api/sso-connectors/" + connector_ + "/idp-initiated-auth-config",
                 json::object{{"defaultApplicationId", app_.id},
                              {"autoSendAuthorizationRequest", true},
                              {"authParameters", {{"scope", "email"}}}});
  ASSERT_EQ(put.status, 200u) << put.body;
  EXPECT_EQ(json_text(put.json(), "redirectUri"), kCallback);  // the app's first
  EXPECT_EQ(json_text(put.json(), "connectorId"), connector_);

  // The IdP's POST (a browser that has been nowhere on Latch yet).
  BrowserSession browser(*rp_);
  http::Params form;
  form.add("SAMLResponse", unsolicited());
  auto from_acs = browser.post_form(acs_, form);
  ASSERT_EQ(from_acs.status, 302u) << from_acs.body;
  auto query = location_query(from_acs);
  EXPECT_TRUE(from_acs.header("Location").starts_with(rp_->endpoint() + "/oidc/auth?"));
  EXPECT_EQ(query.value("client_id"), app_.id);
  EXPECT_EQ(query.value("direct_sign_in"), "sso:" + connector_);
  EXPECT_EQ(query.value("prompt"), "login");
  EXPECT_EQ(query.value("scope"), "openid profile email");
  auto claims = id_token_claims(browser.follow(from_acs));
  EXPECT_EQ(json_text(claims, "email"), "alice@acme.test");

  // A Response that answers a request is not unsolicited.
  auto solicited = post_to_acs(encoded(built(honest("_some_request"))), "");
  EXPECT_EQ(solicited.status, 400u);
  EXPECT_EQ(json_text(solicited.json(), "code"), "saml.in_response_to_mismatch");

  EXPECT_EQ(
      api(verb::delete_, "/api/sso-connectors/" + connector_ + "/idp-initiated-auth-config").status,
      204u);
  EXPECT_EQ(post_to_acs(unsolicited(), "").status, 404u);
}

TEST_F(SamlSsoTest, IdpInitiatedConfigIsCheckedAsLogtoDoes) {
  std::string path = "/api/sso-connectors/" + connector_ + "/idp-initiated-auth-config";
  auto no_app =
      api(verb::put, path,
          json::object{{"defaultApplicationId", "nope"}, {"autoSendAuthorizationRequest", true}});
  EXPECT_EQ(no_app.status, 404u) << no_app.body;
  auto m2m = api(
      verb::put, path,
      json::object{{"defaultApplicationId", admin_.id}, {"autoSendAuthorizationRequest", true}});
  EXPECT_EQ(m2m.status, 400u);
  EXPECT_EQ(json_text(m2m.json(), "code"),
            "single_sign_on.idp_initiated_authentication_invalid_application_type");
  auto unregistered = api(verb::put, path,
                          json::object{{"defaultApplicationId", app_.id},
                                       {"autoSendAuthorizationRequest", true},
                                       {"redirectUri", "https://evil.example/cb"}});
  EXPECT_EQ(unregistered.status, 400u);
  EXPECT_EQ(json_text(unregistered.json(), "code"),
            "single_sign_on.idp_initiated_authentication_redirect_uri_not_registered");
  auto client_side = api(
      verb::put, path,
      json::object{{"defaultApplicationId", app_.id},
                   {"clientIdpInitiatedAuthCallbackUri", "http://localhost:3000/idp-initiated"}});
  ASSERT_EQ(client_side.status, 200u) << client_side.body;
  // The client builds the request itself: the ACS sends the browser to its callback URI.
  auto from_acs = post_to_acs(encoded(built(honest(""))), "");
  ASSERT_EQ(from_acs.status, 302u) << from_acs.body;
  EXPECT_EQ(from_acs.header("Location"),
            "http://localhost:3000/idp-initiated?ssoConnectorId=" + connector_);
}

// ---- signing keys and signed AuthnRequests

TEST_F(SamlSsoTest, SigningKeysRotateAsLogtosDo) {
  std::string keys = "/api/sso-connectors/" + connector_ + "/signing-keys";
  auto refused =
      api(verb::patch, "/api/sso-connectors/" + connector_,
          json::object{{"config", {{"metadata", idp_metadata_}, {"signAuthnRequest", true}}}});
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(json_text(refused.json(), "code"), "single_sign_on.active_signing_key_required");

  auto staged = api(verb::post, keys, json::object{});
  ASSERT_EQ(staged.status, 201u) << staged.body;
  EXPECT_FALSE(staged.json().at("active").as_bool());
  EXPECT_FALSE(staged.json().as_object().contains("privateKey"));
  EXPECT_EQ(json_text(staged.json().at("fingerprints").at("sha256"), "unformatted").size(), 64u);
  auto active = api(verb::post, keys, json::object{{"active", true}});
  ASSERT_EQ(active.status, 201u) << active.body;
  std::string first = json_text(staged.json(), "id"), second = json_text(active.json(), "id");

  auto on =
      api(verb::patch, "/api/sso-connectors/" + connector_,
          json::object{{"config", {{"metadata", idp_metadata_}, {"signAuthnRequest", true}}}});
  ASSERT_EQ(on.status, 200u) << on.body;
  auto in_use = api(verb::patch, keys + "/" + second, json::object{{"active", false}});
  EXPECT_EQ(in_use.status, 400u);
  EXPECT_EQ(json_text(in_use.json(), "code"),
            "single_sign_on.can_not_deactivate_signing_key_in_use");
  EXPECT_EQ(api(verb::delete_, keys + "/" + second).status, 400u);

  // Rotation: activating the staged key deactivates the other, which can then go.
  auto rotated = api(verb::patch, keys + "/" + first, json::object{{"active", true}});
  ASSERT_EQ(rotated.status, 200u) << rotated.body;
  auto listed = api(verb::get, keys).json().as_array();
  ASSERT_EQ(listed.size(), 2u);
  json::value now_active;
  for (const auto& key : listed) {
    EXPECT_EQ(key.at("active").as_bool(), json_text(key, "id") == first);
    if (key.at("active").as_bool()) now_active = key;
  }
  EXPECT_EQ(api(verb::delete_, keys + "/" + second).status, 204u);
  EXPECT_EQ(api(verb::delete_, keys + "/" + second).status, 404u);

  // The AuthnRequest is signed with the active key, which the SP metadata publishes; pysaml2
  // checks the query signature with that certificate and signs Alice in.
  refresh_sp_metadata();
  write_file(dir_.path() / "sp.crt", json_text(now_active, "certificate"));
  BrowserSession rp(*rp_);
  auto out = to_idp(rp);
  auto query = location_query(out);
  EXPECT_EQ(query.value("SigAlg"), "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
  EXPECT_FALSE(query.value("Signature").empty());
  auto answer = pysaml2_answer(out.header("Location"),
                               {"--check-signature", (dir_.path() / "sp.crt").string()});
  auto claims = id_token_claims(back_at_rp(
      rp, post_to_acs(json_text(answer, "SAMLResponse"), json_text(answer, "RelayState"))));
  EXPECT_EQ(json_text(claims, "email"), "alice@acme.test");
}

TEST_F(SamlSsoTest, TheConfiguredSignatureAlgorithmSignsTheRequest) {
  auto key = api(verb::post, "/api/sso-connectors/" + connector_ + "/signing-keys",
                 json::object{{"active", true}});
  ASSERT_EQ(key.status, 201u) << key.body;
  write_file(dir_.path() / "sp.crt", json_text(key.json(), "certificate"));
  auto on = api(verb::patch, "/api/sso-connectors/" + connector_,
                json::object{{"config",
                              {{"metadata", idp_metadata_},
                               {"signAuthnRequest", true},
                               {"requestSignatureAlgorithm",
                                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"}}}});
  ASSERT_EQ(on.status, 200u) << on.body;
  refresh_sp_metadata();
  BrowserSession rp(*rp_);
  auto out = to_idp(rp);
  EXPECT_EQ(location_query(out).value("SigAlg"),
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");
  auto answer = pysaml2_answer(out.header("Location"),
                               {"--check-signature", (dir_.path() / "sp.crt").string()});
  EXPECT_FALSE(json_text(answer, "SAMLResponse").empty());
  auto unknown =
      api(verb::patch, "/api/sso-connectors/" + connector_,
          json::object{
              {"config",
               {{"metadata", idp_metadata_},
                {"requestSignatureAlgorithm", "http://www.w3.org/2000/09/xmldsig#rsa-sha1"}}}});
  EXPECT_EQ(unknown.status, 400u);
}

TEST_F(SamlSsoTest, SamlRoutesAreForSamlConnectorsOnly) {
  auto oidc = api(verb::post, "/api/sso-connectors",
                  json::object{{"providerName", "OIDC"}, {"connectorName", "Some OIDC"}});
  ASSERT_EQ(oidc.status, 200u) << oidc.body;
  std::string id = json_text(oidc.json(), "id");
  EXPECT_EQ(api(verb::get, "/api/sso-connectors/" + id + "/signing-keys").status, 404u);
  EXPECT_EQ(rp_->client().get("/api/sso-connectors/" + id + "/metadata").status, 404u);
  auto put = api(verb::put, "/api/sso-connectors/" + id + "/idp-initiated-auth-config",
                 json::object{{"defaultApplicationId", app_.id}});
  EXPECT_EQ(put.status, 400u);
  EXPECT_EQ(json_text(put.json(), "code"),
            "single_sign_on.idp_initiated_authentication_not_supported");
}

}  // namespace
}  // namespace latch::test
