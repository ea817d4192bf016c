#include "saml/metadata.hpp"

#include <gtest/gtest.h>

#include <string>

#include "saml/keys.hpp"
#include "saml/messages.hpp"
#include "unit/saml/saml_test_support.hpp"

namespace latch::saml {
namespace {

using testing::idp_key;
using testing::other_key;
using testing::replace_first;

IdpMetadata idp() {
  return IdpMetadata{.entity_id = "https://latch.test/saml/app1",
                     .sso_redirect_url = "https://latch.test/api/saml/app1/authn",
                     .sso_post_url = "https://latch.test/api/saml/app1/authn-post",
                     .signing_certificates = {idp_key().certificate()},
                     .name_id_formats = {std::string(uri::kNameIdPersistent)},
                     .want_authn_requests_signed = true};
}

TEST(MetadataTest, IdpMetadataRoundTrips) {
  auto parsed = parse_idp_metadata(build_idp_metadata(idp()));
  ASSERT_TRUE(parsed) << parsed.error().detail;
  EXPECT_EQ(parsed->entity_id, idp().entity_id);
  EXPECT_EQ(parsed->sso_redirect_url, idp().sso_redirect_url);
  EXPECT_EQ(parsed->sso_post_url, idp().sso_post_url);
  ASSERT_EQ(parsed->signing_certificates.size(), 1u);
  EXPECT_EQ(parsed->signing_certificates[0].der(), idp_key().certificate().der());
  EXPECT_EQ(parsed->name_id_formats, idp().name_id_formats);
  EXPECT_TRUE(parsed->want_authn_requests_signed);
}

TEST(MetadataTest, SpMetadataRoundTrips) {
  const SpMetadata sp{.entity_id = "https://latch.test/saml/conn1",
                      .acs_url = "https://latch.test/api/authn/saml/conn1",
                      .name_id_formats = {std::string(uri::kNameIdEmail)},
                      .signing_certificate = idp_key().certificate(),
                      .encryption_certificate = other_key().certificate(),
                      .authn_requests_signed = true};
  auto parsed = parse_sp_metadata(build_sp_metadata(sp));
  ASSERT_TRUE(parsed) << parsed.error().detail;
  EXPECT_EQ(parsed->entity_id, sp.entity_id);
  EXPECT_EQ(parsed->acs_url, sp.acs_url);
  EXPECT_EQ(parsed->name_id_formats, sp.name_id_formats);
  ASSERT_TRUE(parsed->signing_certificate && parsed->encryption_certificate);
  EXPECT_EQ(parsed->signing_certificate->der(), idp_key().certificate().der());
  EXPECT_EQ(parsed->encryption_certificate->der(), other_key().certificate().der());
  EXPECT_TRUE(parsed->authn_requests_signed);
  EXPECT_TRUE(parsed->want_assertions_signed);
}

TEST(MetadataTest, ReadsAnEntitiesDescriptorWithOneEntity) {
  std::string xml = build_idp_metadata(idp());
  const auto root = xml.find("<md:EntityDescriptor");
  xml.insert(root, "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">");
  xml += "</md:EntitiesDescriptor>";
  EXPECT_TRUE(parse_idp_metadata(xml));
}

std::string refusal(const std::string& xml) {
  const auto parsed = parse_idp_metadata(xml);
  return parsed ? "(accepted)" : parsed.error().key;
}

TEST(MetadataTest, RefusesIncompleteOrMalformedIdpMetadata) {
  const std::string good = build_idp_metadata(idp());
  EXPECT_EQ(refusal(replace_first(good, "entityID=", "x=")), keys::kInvalidMetadata);
  EXPECT_EQ(refusal(replace_first(good, "IDPSSODescriptor", "SPSSODescriptor")),
            keys::kMalformedXml);  // the closing tag no longer matches
  IdpMetadata no_sso = idp();
  no_sso.sso_redirect_url.clear();
  no_sso.sso_post_url.clear();
  EXPECT_EQ(refusal(build_idp_metadata(no_sso)), keys::kInvalidMetadata);
  IdpMetadata no_certificate = idp();
  no_certificate.signing_certificates.clear();
  EXPECT_EQ(refusal(build_idp_metadata(no_certificate)), keys::kInvalidMetadata);
  const std::string base64 = idp_key().certificate().base64_der();
  EXPECT_EQ(refusal(replace_first(good, base64.substr(0, 40), "!!")), keys::kInvalidCertificate);
  EXPECT_EQ(refusal("<!DOCTYPE x><x/>"), keys::kDoctype);
  EXPECT_EQ(refusal("<x/>"), keys::kInvalidMetadata);
}

TEST(MetadataTest, RefusesAnSpWithoutPostAcs) {
  const std::string xml =
      replace_first(build_sp_metadata({.entity_id = "sp", .acs_url = "https://sp.test/acs"}),
                    "bindings:HTTP-POST", "bindings:HTTP-Artifact");
  const auto parsed = parse_sp_metadata(xml);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().key, keys::kInvalidMetadata);
}

}  // namespace
}  // namespace latch::saml
