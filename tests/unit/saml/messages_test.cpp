#include "saml/messages.hpp"

#include <gtest/gtest.h>

#include <string>

#include "saml/keys.hpp"
#include "saml/signature.hpp"
#include "unit/saml/saml_test_support.hpp"

namespace latch::saml {
namespace {

using namespace std::chrono_literals;
using testing::idp_key;
using testing::kNow;
using testing::other_key;
using testing::replace_first;
using testing::response_check;
using testing::response_params;

std::string built(const ResponseParams& params = response_params(),
                  const SigningKey& key = idp_key()) {
  auto xml = build_response(params, key);
  EXPECT_TRUE(xml) << xml.error().detail;
  return xml ? *xml : "";
}

std::string refusal(const std::string& xml, const ResponseCheck& check = response_check()) {
  auto result = parse_response(xml, check);
  return result ? "(accepted)" : result.error().key;
}

TEST(AuthnRequestTest, BuildsAndParsesBack) {
  const AuthnRequest request{.id = new_message_id(),
                             .issue_instant = kNow,
                             .issuer = "https://sp.test/saml",
                             .destination = "https://idp.test/sso",
                             .acs_url = "https://sp.test/acs",
                             .name_id_format = std::string(uri::kNameIdEmail),
                             .force_authn = true};
  auto parsed = parse_authn_request(build_authn_request(request));
  ASSERT_TRUE(parsed) << parsed.error().detail;
  EXPECT_EQ(parsed->id, request.id);
  EXPECT_EQ(parsed->issue_instant, kNow);
  EXPECT_EQ(parsed->issuer, request.issuer);
  EXPECT_EQ(parsed->destination, request.destination);
  EXPECT_EQ(parsed->acs_url, request.acs_url);
  EXPECT_EQ(parsed->protocol_binding, uri::kHttpPost);
  EXPECT_EQ(parsed->name_id_format, uri::kNameIdEmail);
  EXPECT_TRUE(parsed->force_authn);
}

TEST(AuthnRequestTest, MessageIdsAreXsIdsAndUnique) {
  const std::string id = new_message_id();
  EXPECT_EQ(id.size(), 41u);
  EXPECT_EQ(id[0], '_');
  EXPECT_NE(id, new_message_id());
}

TEST(AuthnRequestTest, RequiresASignatureWhenCertificatesAreGiven) {
  const std::string xml = build_authn_request(
      {.id = "_r1", .issue_instant = kNow, .issuer = "sp", .destination = "https://idp.test"});
  const std::vector<Certificate> trusted{idp_key().certificate()};
  const auto unsigned_request = parse_authn_request(xml, trusted);
  ASSERT_FALSE(unsigned_request);
  EXPECT_EQ(unsigned_request.error().key, keys::kSignatureMissing);
  auto doc = Document::parse(xml);
  ASSERT_TRUE(doc && sign_enveloped(doc->root(), idp_key()));
  EXPECT_TRUE(parse_authn_request(doc->serialize(), trusted));
}

TEST(AuthnRequestTest, RefusesOtherMessages) {
  const auto result = parse_authn_request("<a/>");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().key, keys::kInvalidMessage);
}

TEST(ResponseTest, AcceptsAValidResponse) {
  auto result = parse_response(built(), response_check());
  ASSERT_TRUE(result) << result.error().key << ": " << result.error().detail;
  EXPECT_EQ(result->issuer, "https://idp.example.test/saml");
  EXPECT_EQ(result->name_id, "alice@example.test");
  EXPECT_EQ(result->name_id_format, uri::kNameIdEmail);
  EXPECT_EQ(result->session_index, "_session1");
  EXPECT_EQ(result->assertion_id, "_assertion1");
  EXPECT_EQ(result->expires_at, kNow + 300s);
  ASSERT_EQ(result->attributes.size(), 2u);
  EXPECT_EQ(result->attributes[1].name, "groups");
  EXPECT_EQ(result->attributes[1].values, (std::vector<std::string>{"admins", "staff"}));
}

TEST(ResponseTest, AcceptsASignedResponseWithAnUnsignedAssertionUnlessTheAssertionIsRequired) {
  ResponseParams params = response_params();
  params.sign_response = true;
  std::string xml = built(params);
  // Drop the Assertion's own signature (the second one in document order).
  const auto first = xml.find("<ds:Signature ");
  const auto begin = xml.find("<ds:Signature ", first + 1);
  const auto end = xml.find("</ds:Signature>", begin) + 15;
  ASSERT_NE(begin, std::string::npos);
  // Removing it changes the signed Response, so re-sign the edited document.
  auto doc = Document::parse(xml.erase(begin, end - begin));
  ASSERT_TRUE(doc);
  xmlNode* old_signature = first_child(doc->root(), ns::kDsig, "Signature");
  xmlUnlinkNode(old_signature);
  xmlFreeNode(old_signature);
  ASSERT_TRUE(sign_enveloped(doc->root(), idp_key()));
  const std::string response_signed_only = doc->serialize();
  EXPECT_EQ(refusal(response_signed_only), "(accepted)");
  ResponseCheck check = response_check();
  check.required_signature = RequiredSignature::Assertion;
  EXPECT_EQ(refusal(response_signed_only, check), keys::kSignatureMissing);
}

TEST(ResponseTest, RequiresTheResponseSignatureWhenConfigured) {
  ResponseCheck check = response_check();
  check.required_signature = RequiredSignature::Response;
  EXPECT_EQ(refusal(built(), check), keys::kSignatureMissing);
  ResponseParams params = response_params();
  params.sign_response = true;
  check.required_signature = RequiredSignature::Both;
  EXPECT_EQ(refusal(built(params), check), "(accepted)");
}

TEST(ResponseTest, RefusesAnUnsignedResponse) {
  std::string xml = built();
  const auto begin = xml.find("<ds:Signature");
  xml.erase(begin, xml.find("</ds:Signature>") + 15 - begin);
  EXPECT_EQ(refusal(xml), keys::kSignatureMissing);
}

TEST(ResponseTest, RefusesTamperedAssertions) {
  EXPECT_EQ(refusal(replace_first(built(), "alice@example.test", "admin@example.test")),
            keys::kSignatureInvalid);
}

TEST(ResponseTest, RefusesAssertionsSignedByAnotherKey) {
  EXPECT_EQ(refusal(built(response_params(), other_key())), keys::kSignatureInvalid);
}

TEST(ResponseTest, RefusesAWrongAudience) {
  ResponseCheck check = response_check();
  check.sp_entity_id = "https://other-sp.test";
  EXPECT_EQ(refusal(built(), check), keys::kAudienceMismatch);
}

TEST(ResponseTest, RefusesAWrongDestinationOrRecipient) {
  ResponseCheck check = response_check();
  check.acs_url = "https://latch.example.test/other-acs";
  EXPECT_EQ(refusal(built(), check), keys::kDestinationMismatch);
  // The Destination is outside the Assertion's signature: right Destination, wrong Recipient.
  ResponseParams params = response_params();
  params.acs_url = "https://elsewhere.test/acs";
  const std::string xml = replace_first(built(params), "Destination=\"https://elsewhere.test/acs\"",
                                        "Destination=\"" + response_params().acs_url + "\"");
  EXPECT_EQ(refusal(xml), keys::kDestinationMismatch);
}

TEST(ResponseTest, RefusesAWrongIssuer) {
  ResponseCheck check = response_check();
  check.idp_entity_id = "https://other-idp.test";
  EXPECT_EQ(refusal(built(), check), keys::kIssuerMismatch);
}

TEST(ResponseTest, RefusesExpiredAndNotYetValidAssertionsBeyondTheSkew) {
  ResponseCheck check = response_check();
  check.now = kNow + 300s + 59s;
  EXPECT_EQ(refusal(built(), check), "(accepted)");
  check.now = kNow + 300s + 60s;
  EXPECT_EQ(refusal(built(), check), keys::kExpired);
  check.now = kNow - 60s;
  EXPECT_EQ(refusal(built(), check), "(accepted)");
  check.now = kNow - 61s;
  EXPECT_EQ(refusal(built(), check), keys::kNotYetValid);
}

TEST(ResponseTest, RefusesAWrongInResponseTo) {
  ResponseCheck check = response_check();
  check.in_response_to = "_another_request";
  EXPECT_EQ(refusal(built(), check), keys::kInResponseToMismatch);
}

TEST(ResponseTest, IdpInitiatedResponsesCarryNoInResponseTo) {
  ResponseCheck check = response_check();
  check.in_response_to = std::nullopt;
  EXPECT_EQ(refusal(built(), check), keys::kInResponseToMismatch);
  ResponseParams params = response_params();
  params.in_response_to.clear();
  EXPECT_EQ(refusal(built(params), check), "(accepted)");
}

TEST(ResponseTest, RefusesAFailureStatus) {
  const std::string xml = replace_first(built(), "status:Success", "status:Requester");
  EXPECT_EQ(refusal(xml), keys::kStatusNotSuccess);
}

// The signed Assertion's text, from <saml:Assertion to </saml:Assertion>.
std::string assertion_of(const std::string& xml) {
  const auto begin = xml.find("<saml:Assertion");
  return xml.substr(begin, xml.find("</saml:Assertion>") + 17 - begin);
}

// An unsigned Assertion for mallory with `id`, made from the signed one.
std::string evil_assertion(const std::string& signed_assertion, std::string_view id) {
  std::string evil = replace_first(signed_assertion, "alice@example.test", "mallory@evil.test");
  evil = replace_first(evil, "ID=\"_assertion1\"", "ID=\"" + std::string(id) + "\"");
  const auto begin = evil.find("<ds:Signature");
  return evil.erase(begin, evil.find("</ds:Signature>") + 15 - begin);
}

TEST(ResponseWrappingTest, RefusesASecondUnsignedAssertion) {
  const std::string xml = built();
  const std::string signed_assertion = assertion_of(xml);
  const std::string wrapped = replace_first(
      xml, signed_assertion, evil_assertion(signed_assertion, "_evil") + signed_assertion);
  EXPECT_EQ(refusal(wrapped), keys::kInvalidMessage);
}

TEST(ResponseWrappingTest, RefusesTheSignedAssertionMovedUnderExtensions) {
  const std::string xml = built();
  const std::string signed_assertion = assertion_of(xml);
  const std::string wrapped =
      replace_first(xml, signed_assertion,
                    "<samlp:Extensions>" + signed_assertion + "</samlp:Extensions>" +
                        evil_assertion(signed_assertion, "_evil"));
  EXPECT_EQ(refusal(wrapped), keys::kInvalidMessage);
}

TEST(ResponseWrappingTest, RefusesTheSignedAssertionMovedIntoASignatureObject) {
  ResponseParams params = response_params();
  params.sign_response = true;
  const std::string xml = built(params);
  const std::string signed_assertion = assertion_of(xml);
  std::string wrapped =
      replace_first(xml, signed_assertion, evil_assertion(signed_assertion, "_evil"));
  wrapped = replace_first(wrapped, "</ds:KeyInfo>",
                          "</ds:KeyInfo><ds:Object>" + signed_assertion + "</ds:Object>");
  EXPECT_EQ(refusal(wrapped), keys::kInvalidMessage);
}

TEST(ResponseWrappingTest, RefusesDuplicateIds) {
  const std::string xml = built();
  const std::string signed_assertion = assertion_of(xml);
  const std::string wrapped =
      replace_first(xml, signed_assertion,
                    "<samlp:Extensions>" + signed_assertion + "</samlp:Extensions>" +
                        evil_assertion(signed_assertion, "_assertion1"));
  EXPECT_EQ(refusal(wrapped), keys::kDuplicateId);
}

TEST(ResponseTest, RefusesEncryptedAssertionsForNow) {
  const std::string xml =
      replace_first(built(), "</saml:Issuer>",
                    "</saml:Issuer><saml:EncryptedAssertion><x/></saml:EncryptedAssertion>");
  EXPECT_EQ(refusal(xml), keys::kInvalidMessage);
}

TEST(ResponseTest, RefusesDoctypesAndNonResponses) {
  EXPECT_EQ(refusal("<!DOCTYPE x><x/>"), keys::kDoctype);
  EXPECT_EQ(refusal(build_authn_request({.id = "_1", .issue_instant = kNow})),
            keys::kInvalidMessage);
}

}  // namespace
}  // namespace latch::saml
