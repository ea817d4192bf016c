#include "crypto/totp.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace latch::crypto {
namespace {

std::span<const std::uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// RFC 6238 Appendix B / RFC 4226 Appendix D: the SHA-1 seed "12345678901234567890".
constexpr std::string_view kSeed = "12345678901234567890";
const std::string kSeedBase32 = base32_encode(bytes_of(kSeed));

TEST(Base32Test, EncodesTheRfc4648Section10VectorsWithoutPadding) {
  EXPECT_EQ(base32_encode(bytes_of("")), "");
  EXPECT_EQ(base32_encode(bytes_of("f")), "MY");
  EXPECT_EQ(base32_encode(bytes_of("fo")), "MZXQ");
  EXPECT_EQ(base32_encode(bytes_of("foo")), "MZXW6");
  EXPECT_EQ(base32_encode(bytes_of("foob")), "MZXW6YQ");
  EXPECT_EQ(base32_encode(bytes_of("fooba")), "MZXW6YTB");
  EXPECT_EQ(base32_encode(bytes_of("foobar")), "MZXW6YTBOI");
}

TEST(Base32Test, DecodesTheRfc4648Section10VectorsWithAndWithoutPadding) {
  const std::vector<std::pair<std::string_view, std::string_view>> vectors = {
      {"", ""},
      {"MY======", "f"},
      {"MZXQ====", "fo"},
      {"MZXW6===", "foo"},
      {"MZXW6YQ=", "foob"},
      {"MZXW6YTB", "fooba"},
      {"MZXW6YTBOI======", "foobar"},
      {"MZXW6YTBOI", "foobar"}};
  for (const auto& [text, plain] : vectors) {
    const auto decoded = base32_decode(text);
    ASSERT_TRUE(decoded.has_value()) << text;
    EXPECT_EQ(std::string(decoded->begin(), decoded->end()), plain) << text;
  }
}

TEST(Base32Test, DecodingIgnoresCaseAndSpaces) {
  const auto decoded = base32_decode("mzxw 6ytb oi");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(std::string(decoded->begin(), decoded->end()), "foobar");
}

TEST(Base32Test, DecodingRefusesOtherCharactersAndImpossibleLengths) {
  const std::vector<std::string_view> bad_texts = {"MZXW1", "MZXW8",  "MZ-W6",   "MZ=XW6",     "M",
                                                   "MZX",   "MZXW6Y", "MZXW6\n", {"MZ\0XW", 5}};
  for (const std::string_view bad : bad_texts) {
    EXPECT_FALSE(base32_decode(bad).has_value()) << bad;
  }
}

TEST(Base32Test, RoundTripsEveryLength) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    const auto decoded = base32_decode(base32_encode(bytes_of(bytes)));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(std::string(decoded->begin(), decoded->end()), bytes);
    bytes += static_cast<char>(i * 37 + 11);
  }
}

TEST(TotpTest, HotpMatchesRfc4226AppendixD) {
  const std::vector<std::string_view> expected = {"755224", "287082", "359152", "969429", "338314",
                                                  "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < expected.size(); ++counter) {
    EXPECT_EQ(hotp(bytes_of(kSeed), counter), expected[counter]) << counter;
  }
}

TEST(TotpTest, HotpWithEightDigitsMatchesRfc6238AppendixBSha1) {
  const std::vector<std::pair<std::int64_t, std::string_view>> vectors = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [time, code] : vectors) {
    EXPECT_EQ(hotp(bytes_of(kSeed), static_cast<std::uint64_t>(time / kTotpPeriod), 8), code)
        << time;
  }
}

TEST(TotpTest, MatchReturnsTheCurrentStep) {
  const std::int64_t now = 1111111111;
  const std::string code = hotp(bytes_of(kSeed), now / kTotpPeriod);
  EXPECT_EQ(totp_match(kSeedBase32, code, now), now / kTotpPeriod);
}

TEST(TotpTest, MatchAcceptsOneStepEitherSideAndReturnsThatStep) {
  const std::int64_t now = 1111111111;
  const std::int64_t step = now / kTotpPeriod;
  EXPECT_EQ(totp_match(kSeedBase32, hotp(bytes_of(kSeed), step - 1), now), step - 1);
  EXPECT_EQ(totp_match(kSeedBase32, hotp(bytes_of(kSeed), step + 1), now), step + 1);
}

TEST(TotpTest, MatchRefusesTwoStepsAway) {
  const std::int64_t now = 1111111111;
  const std::int64_t step = now / kTotpPeriod;
  EXPECT_EQ(totp_match(kSeedBase32, hotp(bytes_of(kSeed), step - 2), now), std::nullopt);
  EXPECT_EQ(totp_match(kSeedBase32, hotp(bytes_of(kSeed), step + 2), now), std::nullopt);
}

TEST(TotpTest, WindowZeroAcceptsOnlyTheCurrentStep) {
  const std::int64_t now = 1234567890;
  const std::int64_t step = now / kTotpPeriod;
  EXPECT_EQ(totp_match(kSeedBase32, hotp(bytes_of(kSeed), step), now, 0), step);
  EXPECT_EQ(totp_match(kSeedBase32, hotp(bytes_of(kSeed), step + 1), now, 0), std::nullopt);
}

TEST(TotpTest, MatchNeverTriesAStepBeforeTheEpoch) {
  // At t = 0 the step before is -1; a code for counter 2^64 - 1 must not match.
  EXPECT_EQ(totp_match(kSeedBase32, hotp(bytes_of(kSeed), ~std::uint64_t{0}), 0), std::nullopt);
  EXPECT_EQ(totp_match(kSeedBase32, hotp(bytes_of(kSeed), 0), 0), 0);
}

TEST(TotpTest, MatchRefusesCodesThatAreNotSixDigits) {
  const std::int64_t now = 59;
  for (const std::string_view bad :
       {"12345", "abcdef", "1234567", "", " 28708", "28708 ", "+28708", "２８７０８２"}) {
    EXPECT_EQ(totp_match(kSeedBase32, bad, now), std::nullopt) << bad;
  }
}

TEST(TotpTest, MatchRefusesASecretThatDoesNotDecode) {
  const std::string code = hotp(bytes_of(kSeed), 1);
  EXPECT_EQ(totp_match("not base32!", code, 59), std::nullopt);
  EXPECT_EQ(totp_match("", code, 59), std::nullopt);
}

TEST(TotpTest, MatchAcceptsTheSecretInLowerCaseWithSpaces) {
  std::string spaced;
  for (std::size_t i = 0; i < kSeedBase32.size(); ++i) {
    spaced += static_cast<char>(std::tolower(static_cast<unsigned char>(kSeedBase32[i])));
    if (i % 4 == 3) {
      spaced += ' ';
    }
  }
  EXPECT_EQ(totp_match(spaced, hotp(bytes_of(kSeed), 1), 59), 1);
}

TEST(TotpTest, GeneratedSecretsAre32Base32CharactersOf20RandomBytes) {
  const std::string first = generate_totp_secret();
  const std::string second = generate_totp_secret();
  EXPECT_EQ(first.size(), 32u);
  EXPECT_NE(first, second);
  const auto decoded = base32_decode(first);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->size(), 20u);
}

TEST(TotpTest, UriFollowsTheKeyUriFormat) {
  EXPECT_EQ(totp_uri("Latch", "alice@example.com", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Latch:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Latch"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpTest, UriPercentEncodesLabelAndValues) {
  EXPECT_EQ(totp_uri("Acme & Co: ID", "bob smith", "ABC"),
            "otpauth://totp/Acme%20%26%20Co%3A%20ID:bob%20smith?secret=ABC"
            "&issuer=Acme%20%26%20Co%3A%20ID&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(totp_uri("Ünï", "a", "B"),
            "otpauth://totp/%C3%9Cn%C3%AF:a?secret=B&issuer=%C3%9Cn%C3%AF"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace latch::crypto
