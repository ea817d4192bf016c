#include "saml/signature.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "saml/binding.hpp"
#include "saml/keys.hpp"
#include "unit/saml/saml_test_support.hpp"

namespace latch::saml {
namespace {

using testing::idp_key;
using testing::other_key;
using testing::replace_first;

constexpr std::string_view kUnsigned =
    R"(<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" )"
    R"(xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_req1" Version="2.0">)"
    R"(<saml:Issuer>https://sp.example.test</saml:Issuer><samlp:NameIDPolicy/>)"
    R"(</samlp:AuthnRequest>)";

std::vector<Certificate> trusted() { return {idp_key().certificate()}; }

// kUnsigned signed by `key`, serialized.
std::string signed_xml(const SigningKey& key) {
  auto doc = Document::parse(kUnsigned);
  EXPECT_TRUE(doc);
  EXPECT_TRUE(sign_enveloped(doc->root(), key));
  return doc->serialize();
}

std::string verify_key(const std::string& xml, const std::vector<Certificate>& certs = trusted()) {
  auto doc = Document::parse(xml);
  if (!doc) {
    return doc.error().key;
  }
  auto verified = verify_enveloped(doc->root(), certs);
  return verified ? (*verified == doc->root() ? "verified" : "other node") : verified.error().key;
}

TEST(SignatureTest, SignsAndVerifiesAnEnvelopedSignature) {
  const std::string xml = signed_xml(idp_key());
  EXPECT_NE(xml.find("<ds:Signature"), std::string::npos);
  EXPECT_NE(xml.find("<ds:X509Certificate>"), std::string::npos);
  EXPECT_LT(xml.find("</saml:Issuer>"), xml.find("<ds:Signature"));  // right after the Issuer
  EXPECT_EQ(verify_key(xml), "verified");
}

TEST(SignatureTest, VerifiesWithAnyOfTheTrustedCertificates) {
  const std::string xml = signed_xml(idp_key());
  EXPECT_EQ(verify_key(xml, {other_key().certificate(), idp_key().certificate()}), "verified");
}

TEST(SignatureTest, SignsAndVerifiesWithEcdsaSha256) {
  const SigningKey ec = generate_signing_key(
      {.common_name = "ec.example.test", .not_before = testing::kNow, .ec_p256 = true});
  const std::string xml = signed_xml(ec);
  EXPECT_NE(xml.find(alg::kEcdsaSha256), std::string::npos);
  EXPECT_EQ(verify_key(xml, {ec.certificate()}), "verified");
  EXPECT_EQ(verify_key(replace_first(xml, "https://sp.example.test", "https://evil.test"),
                       {ec.certificate()}),
            keys::kSignatureInvalid);
}

TEST(SignatureTest, RefusesTamperedContent) {
  const std::string xml =
      replace_first(signed_xml(idp_key()), "https://sp.example.test", "https://evil.test");
  EXPECT_EQ(verify_key(xml), keys::kSignatureInvalid);
}

TEST(SignatureTest, RefusesATamperedSignatureValue) {
  std::string xml = signed_xml(idp_key());
  const auto at = xml.find("<ds:SignatureValue>") + 20;
  xml[at] = xml[at] == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify_key(xml), keys::kSignatureInvalid);
}

TEST(SignatureTest, RefusesASignatureByAnotherKey) {
  EXPECT_EQ(verify_key(signed_xml(other_key())), keys::kSignatureInvalid);
}

TEST(SignatureTest, RefusesAnUnsignedElement) {
  EXPECT_EQ(verify_key(std::string(kUnsigned)), keys::kSignatureMissing);
}

TEST(SignatureTest, RefusesSha1) {
  const std::string xml =
      replace_first(signed_xml(idp_key()), "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                    "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
  EXPECT_EQ(verify_key(xml), keys::kUnsupportedAlgorithm);
  const std::string digest =
      replace_first(signed_xml(idp_key()), "http://www.w3.org/2001/04/xmlenc#sha256",
                    "http://www.w3.org/2000/09/xmldsig#sha1");
  EXPECT_EQ(verify_key(digest), keys::kUnsupportedAlgorithm);
}

TEST(SignatureTest, RefusesAReferenceToAnotherElement) {
  const std::string xml = replace_first(signed_xml(idp_key()), "URI=\"#_req1\"", "URI=\"\"");
  EXPECT_EQ(verify_key(xml), keys::kSignatureInvalid);
}

TEST(SignatureTest, RefusesOtherTransforms) {
  const std::string xml =
      replace_first(signed_xml(idp_key()),
                    "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                    "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"/>");
  EXPECT_EQ(verify_key(xml), keys::kUnsupportedAlgorithm);
}

TEST(SignatureTest, RefusesTwoSignatures) {
  std::string xml = signed_xml(idp_key());
  const auto begin = xml.find("<ds:Signature");
  const auto end = xml.find("</ds:Signature>") + 15;
  xml.insert(end, xml.substr(begin, end - begin));
  EXPECT_EQ(verify_key(xml), keys::kSignatureInvalid);
}

TEST(SignatureTest, SigningRefusesAnElementWithoutId) {
  auto doc = Document::parse("<a><b/></a>");
  ASSERT_TRUE(doc);
  EXPECT_FALSE(sign_enveloped(doc->root(), idp_key()));
}

TEST(RedirectSignatureTest, SignsAndVerifiesTheQuery) {
  const std::string query = redirect_query(MessageParam::Request, kUnsigned, "state 1");
  auto signed_query = sign_redirect_query(query, idp_key());
  ASSERT_TRUE(signed_query);
  EXPECT_EQ(signed_query->rfind(query, 0), 0u);
  EXPECT_NE(
      signed_query->find(
          "&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256&Signature="),
      std::string::npos);
  EXPECT_TRUE(verify_redirect_query(*signed_query, trusted()));
}

TEST(RedirectSignatureTest, RefusesATamperedQuery) {
  auto signed_query =
      sign_redirect_query(redirect_query(MessageParam::Request, kUnsigned, "state1"), idp_key());
  ASSERT_TRUE(signed_query);
  const auto result =
      verify_redirect_query(replace_first(*signed_query, "state1", "state2"), trusted());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().key, keys::kSignatureInvalid);
}

TEST(RedirectSignatureTest, RefusesAnotherKey) {
  auto signed_query =
      sign_redirect_query(redirect_query(MessageParam::Request, kUnsigned), other_key());
  ASSERT_TRUE(signed_query);
  const auto result = verify_redirect_query(*signed_query, trusted());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().key, keys::kSignatureInvalid);
}

TEST(RedirectSignatureTest, RefusesSha1AndMissingSignatures) {
  auto signed_query =
      sign_redirect_query(redirect_query(MessageParam::Request, kUnsigned), idp_key());
  ASSERT_TRUE(signed_query);
  const auto sha1 = verify_redirect_query(
      replace_first(*signed_query, "xmldsig-more%23rsa-sha256", "xmldsig%23rsa-sha1"), trusted());
  ASSERT_FALSE(sha1);
  EXPECT_EQ(sha1.error().key, keys::kUnsupportedAlgorithm);
  const auto unsigned_query =
      verify_redirect_query(redirect_query(MessageParam::Request, kUnsigned), trusted());
  ASSERT_FALSE(unsigned_query);
  EXPECT_EQ(unsigned_query.error().key, keys::kSignatureMissing);
}

}  // namespace
}  // namespace latch::saml
