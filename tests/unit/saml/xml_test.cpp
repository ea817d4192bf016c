#include "saml/xml.hpp"

#include <gtest/gtest.h>

#include <string>

#include "saml/keys.hpp"

namespace latch::saml {
namespace {

constexpr std::string_view kSimple =
    R"(<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" )"
    R"(xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1">)"
    R"(<saml:Issuer> https://idp.example.test </saml:Issuer>)"
    R"(<saml:NameID>alice@example.test<!-- a comment -->.evil.test</saml:NameID>)"
    R"(</samlp:Response>)";

std::string key_of(const Result<Document>& result) {
  return result ? std::string("(parsed)") : result.error().key;
}

TEST(XmlTest, ParsesAndFindsElementsByNamespace) {
  auto doc = Document::parse(kSimple);
  ASSERT_TRUE(doc) << doc.error().detail;
  EXPECT_TRUE(is_element(doc->root(), ns::kProtocol, "Response"));
  EXPECT_FALSE(is_element(doc->root(), ns::kAssertion, "Response"));
  EXPECT_EQ(text(first_child(doc->root(), ns::kAssertion, "Issuer")), "https://idp.example.test");
  EXPECT_EQ(first_child(doc->root(), ns::kProtocol, "Issuer"), nullptr);
  EXPECT_EQ(attribute(doc->root(), "ID"), "_r1");
  EXPECT_EQ(attribute(doc->root(), "Missing"), std::nullopt);
}

// The 2018 comment-truncation attacks read only the first text node of a NameID.
TEST(XmlTest, TextJoinsTextAroundComments) {
  auto doc = Document::parse(kSimple);
  ASSERT_TRUE(doc);
  EXPECT_EQ(text(first_child(doc->root(), ns::kAssertion, "NameID")),
            "alice@example.test.evil.test");
}

TEST(XmlTest, RefusesAnyDoctype) {
  EXPECT_EQ(key_of(Document::parse("<!DOCTYPE a><a/>")), keys::kDoctype);
}

TEST(XmlTest, RefusesExternalEntities) {
  const std::string xxe =
      R"(<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>)";
  EXPECT_EQ(key_of(Document::parse(xxe)), keys::kDoctype);
}

TEST(XmlTest, RefusesBillionLaughs) {
  std::string bomb = R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">)";
  std::string previous = "lol";
  for (int i = 1; i < 10; ++i) {
    const std::string name = "lol" + std::to_string(i);
    bomb += "<!ENTITY " + name + " \"";
    for (int j = 0; j < 10; ++j) {
      bomb += "&" + previous + ";";
    }
    bomb += "\">";
    previous = name;
  }
  bomb += "]><lolz>&" + previous + ";</lolz>";
  EXPECT_EQ(key_of(Document::parse(bomb)), keys::kDoctype);
}

TEST(XmlTest, RefusesUndeclaredEntities) {
  EXPECT_EQ(key_of(Document::parse("<a>&undeclared;</a>")), keys::kMalformedXml);
}

TEST(XmlTest, RefusesOversizedInput) {
  const std::string big = "<a>" + std::string(2000, 'x') + "</a>";
  const auto result = Document::parse(big, {.max_bytes = 1000});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().key, keys::kTooLarge);
  EXPECT_EQ(result.error().code, Errc::PayloadTooLarge);
}

TEST(XmlTest, RefusesOverDeepInput) {
  std::string deep;
  for (int i = 0; i < 40; ++i) {
    deep += "<a>";
  }
  for (int i = 0; i < 40; ++i) {
    deep += "</a>";
  }
  EXPECT_EQ(key_of(Document::parse(deep, {.max_depth = 32})), keys::kMalformedXml);
  EXPECT_TRUE(Document::parse(deep, {.max_depth = 40}));
}

TEST(XmlTest, RefusesMalformedXml) {
  EXPECT_EQ(key_of(Document::parse("<a><b></a>")), keys::kMalformedXml);
  EXPECT_EQ(key_of(Document::parse("")), keys::kMalformedXml);
  EXPECT_EQ(key_of(Document::parse("not xml")), keys::kMalformedXml);
}

TEST(XmlTest, RefusesDuplicateIds) {
  EXPECT_EQ(key_of(Document::parse(R"(<a ID="x"><b ID="x"/></a>)")), keys::kDuplicateId);
  EXPECT_EQ(key_of(Document::parse(R"(<a ID="x"><b xml:id="x"/></a>)")), keys::kDuplicateId);
}

TEST(XmlTest, RegistersIdAttributes) {
  auto doc = Document::parse(R"(<a><b ID="x"/></a>)");
  ASSERT_TRUE(doc);
  const xmlAttr* id = xmlGetID(doc->get(), reinterpret_cast<const xmlChar*>("x"));
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->parent, doc->root()->children);
}

TEST(XmlTest, SerializesWithoutIndenting) {
  auto doc = Document::parse("<a><b>x</b></a>");
  ASSERT_TRUE(doc);
  EXPECT_NE(doc->serialize().find("<a><b>x</b></a>"), std::string::npos);
}

}  // namespace
}  // namespace latch::saml
