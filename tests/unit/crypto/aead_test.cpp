#include "crypto/aead.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/encoding.hpp"
#include "unit/crypto/crypto_test_support.hpp"

namespace latch::crypto {
namespace {

const std::string kKey(32, 'k');

// Flips one bit of the decoded box at `index` (negative counts from the end).
std::string tamper(const std::string& sealed, long index) {
  auto box = base64url_decode(std::string_view(sealed).substr(3));
  const auto at =
      index >= 0 ? static_cast<std::size_t>(index) : box->size() - static_cast<std::size_t>(-index);
  (*box)[at] = static_cast<char>((*box)[at] ^ 0x01);
  return "v1." + base64url_encode(*box);
}

TEST(SecretBoxTest, OpensWhatItSealed) {
  const SecretBox box(kKey);
  const auto opened = box.open(box.seal("client secret", "app_1"), "app_1");
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(*opened, "client secret");
}

TEST(SecretBoxTest, SealsAnEmptyPlaintext) {
  const SecretBox box(kKey);
  EXPECT_EQ(test_support::expect_ok(box.open(box.seal("", ""), "")), "");
}

TEST(SecretBoxTest, SealedTextIsVersionedNonceCiphertextAndTag) {
  const std::string sealed = SecretBox(kKey).seal("12345", "aad");
  ASSERT_EQ(sealed.substr(0, 3), "v1.");
  const auto box = base64url_decode(sealed.substr(3));
  ASSERT_TRUE(box.has_value());
  EXPECT_EQ(box->size(), 12u + 5u + 16u);
}

TEST(SecretBoxTest, UsesAFreshNonceForEverySeal) {
  const SecretBox box(kKey);
  EXPECT_NE(box.seal("same", "aad"), box.seal("same", "aad"));
}

TEST(SecretBoxTest, RejectsAnotherKeyAsForbidden) {
  const std::string sealed = SecretBox(kKey).seal("secret", "aad");
  const auto opened = SecretBox(std::string(32, 'x')).open(sealed, "aad");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, Errc::Forbidden);
}

TEST(SecretBoxTest, RejectsOtherAssociatedDataAsForbidden) {
  const SecretBox box(kKey);
  const auto opened = box.open(box.seal("secret", "app_1"), "app_2");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, Errc::Forbidden);
}

TEST(SecretBoxTest, RejectsTamperedNonceCiphertextOrTagAsForbidden) {
  const SecretBox box(kKey);
  const std::string sealed = box.seal("secret", "aad");
  for (const long index : {0L, 12L, 17L, -1L}) {
    const auto opened = box.open(tamper(sealed, index), "aad");
    ASSERT_FALSE(opened.has_value()) << index;
    EXPECT_EQ(opened.error().code, Errc::Forbidden) << index;
  }
}

TEST(SecretBoxTest, RejectsMalformedInputAsInvalidRequest) {
  const SecretBox box(kKey);
  const std::string sealed = box.seal("secret", "aad");
  for (const std::string& text :
       {std::string(), std::string("v1."), std::string("garbage"), "v2." + sealed.substr(3),
        sealed.substr(3), std::string("v1.!!!!"), "v1." + base64url_encode(std::string(27, 'a')),
        sealed.substr(0, sealed.size() - 1)}) {
    const auto opened = box.open(text, "aad");
    ASSERT_FALSE(opened.has_value()) << text;
    EXPECT_EQ(opened.error().code, Errc::InvalidRequest) << text;
  }
}

}  // namespace
}  // namespace latch::crypto
