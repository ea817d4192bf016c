#include "crypto/encoding.hpp"

#include <gtest/gtest.h>

#include <string>

namespace latch::crypto {
namespace {

struct Vector {
  std::string bytes;
  std::string base64;
};

// RFC 4648 §10.
const Vector kRfc4648Vectors[] = {
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

std::string strip_padding(std::string text) {
  text.erase(text.find_last_not_of('=') + 1);
  return text;
}

TEST(EncodingTest, Base64EncodesRfc4648Vectors) {
  for (const auto& v : kRfc4648Vectors) {
    EXPECT_EQ(base64_encode(v.bytes), v.base64) << v.bytes;
  }
}

TEST(EncodingTest, Base64DecodesRfc4648Vectors) {
  for (const auto& v : kRfc4648Vectors) {
    EXPECT_EQ(base64_decode(v.base64), v.bytes) << v.base64;
  }
}

TEST(EncodingTest, Base64UrlEncodesRfc4648VectorsWithoutPadding) {
  for (const auto& v : kRfc4648Vectors) {
    EXPECT_EQ(base64url_encode(v.bytes), strip_padding(v.base64)) << v.bytes;
  }
}

TEST(EncodingTest, Base64UrlDecodesWithAndWithoutPadding) {
  for (const auto& v : kRfc4648Vectors) {
    EXPECT_EQ(base64url_decode(v.base64), v.bytes) << v.base64;
    EXPECT_EQ(base64url_decode(strip_padding(v.base64)), v.bytes) << v.base64;
  }
}

TEST(EncodingTest, UsesTheUrlSafeAlphabetOnlyForBase64Url) {
  const std::string bytes = "\xfb\xff\xbf";
  EXPECT_EQ(base64_encode(bytes), "+/+/");
  EXPECT_EQ(base64url_encode(bytes), "-_-_");
  EXPECT_EQ(base64url_decode("-_-_"), bytes);
  EXPECT_EQ(base64url_decode("+/+/"), std::nullopt);
  EXPECT_EQ(base64_decode("-_-_"), std::nullopt);
}

TEST(EncodingTest, RoundTripsEveryByteValue) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) {
    bytes += static_cast<char>(i);
  }
  for (std::size_t n = 0; n <= bytes.size(); n += 37) {
    const std::string slice = bytes.substr(0, n);
    EXPECT_EQ(base64url_decode(base64url_encode(slice)), slice);
    EXPECT_EQ(base64_decode(base64_encode(slice)), slice);
  }
}

TEST(EncodingTest, RejectsCharactersOutsideTheAlphabet) {
  const std::string inputs[] = {"Zm9v!", "Zm 9v", "Zm9v\n", std::string("Zm\0v", 4), "Zm9\xc3\xa9"};
  for (const std::string& text : inputs) {
    EXPECT_EQ(base64url_decode(text), std::nullopt) << text;
    EXPECT_EQ(base64_decode(text), std::nullopt) << text;
  }
}

TEST(EncodingTest, RejectsImpossibleLengths) {
  EXPECT_EQ(base64url_decode("Z"), std::nullopt);
  EXPECT_EQ(base64url_decode("Zm9vY"), std::nullopt);
  EXPECT_EQ(base64_decode("Zm9vY"), std::nullopt);
}

TEST(EncodingTest, RejectsMisplacedOrExcessPadding) {
  for (const char* text : {"Zg=", "Zg===", "Z===", "====", "Zm=v", "=Zm9", "Zm9v=", "Zg==Zg=="}) {
    EXPECT_EQ(base64url_decode(text), std::nullopt) << text;
    EXPECT_EQ(base64_decode(text), std::nullopt) << text;
  }
}

TEST(EncodingTest, RejectsNonZeroTrailingBits) {
  // "Zg" is the only encoding of "f"; "Zh" sets bits the last character cannot carry.
  EXPECT_EQ(base64url_decode("Zh"), std::nullopt);
  EXPECT_EQ(base64url_decode("Zm9"), std::nullopt);
  EXPECT_EQ(base64_decode("Zh=="), std::nullopt);
}

}  // namespace
}  // namespace latch::crypto
