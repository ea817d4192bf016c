#include <gtest/gtest.h>

#include <string>

#include "crypto/password_digest.hpp"

// Digests refused when stored, each with the key the API answers: a digest that would fail at
// sign-in, or cost more than Latch's limits, never gets into the database.
namespace latch::crypto {
namespace {

constexpr std::string_view kInvalid = "password.invalid_digest";
constexpr std::string_view kCostly = "password.digest_cost_too_high";
constexpr std::string_view kLegacy = "password.invalid_legacy_password_format";
constexpr std::string_view kUnsupported = "password.unsupported_legacy_hash_algorithm";

struct Refusal {
  const char* description;
  PasswordAlgorithm algorithm;
  std::string digest;
  std::string_view key;
};

using enum PasswordAlgorithm;

// A Legacy tuple from its parts (JSON written by hand: the parts hold no quotes).
std::string legacy(std::string_view algorithm, std::string_view args, std::string_view digest) {
  return "[\"" + std::string(algorithm) + "\",[" + std::string(args) + "],\"" +
         std::string(digest) + "\"]";
}

const std::string kHex32 = std::string(64, 'a');  // 32 bytes
const std::string kBcryptTail = "Q0N7VUaPJ.fjU6Lr2/3gJep3XupAwZ/qzixd1/PkDbHYJ57CnJG4S";
const std::string kPhcTail = "bGF0Y2gtdGVzdC1zYWx0IQ$SeUjxfUf6+9G2byfXrI1Wuhoga8fZKo6f0/1x1S8k3M";
const std::string kSigner =
    "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSD"
    "zZvpjeJ9WmXA==";

const Refusal kRefusals[] = {
    {"DigestTooLong", Sha256, std::string(5000, 'a'), kInvalid},
    {"NulInDigest", Md5, std::string(31, 'a') + std::string(1, '\0'), kInvalid},
    {"BcryptUnknownPrefix", Bcrypt, "$2x$04$" + kBcryptTail, kInvalid},
    {"BcryptTruncated", Bcrypt, "$2b$04$" + kBcryptTail.substr(1), kInvalid},
    {"BcryptCostNotDigits", Bcrypt, "$2b$a4$" + kBcryptTail, kInvalid},
    {"BcryptCostBelowFour", Bcrypt, "$2b$03$" + kBcryptTail, kInvalid},
    {"BcryptCostAboveLimit", Bcrypt, "$2b$17$" + kBcryptTail, kCostly},
    {"BcryptOutsideAlphabet", Bcrypt, "$2b$04$" + kBcryptTail.substr(1) + "!", kInvalid},
    // The salt's 22nd character carries 2 bits; "f" sets bits bcrypt drops.
    {"BcryptSaltWithStrayBits", Bcrypt,
     "$2b$04$" + kBcryptTail.substr(0, 21) + "f" + kBcryptTail.substr(22), kInvalid},
    // The hash's 31st character carries 4 bits; "f" sets the 2 bcrypt drops.
    {"BcryptHashWithStrayBits", Bcrypt, "$2b$04$" + kBcryptTail.substr(0, 52) + "f", kInvalid},
    {"BcryptArgon2String", Bcrypt, "$argon2id$v=19$m=256,t=2,p=1$" + kPhcTail, kInvalid},
    {"Argon2Empty", Argon2id, "", kInvalid},
    {"Argon2UnknownVariant", Argon2id, "$argon2x$v=19$m=256,t=2,p=1$" + kPhcTail, kInvalid},
    {"Argon2Garbage", Argon2id, "$argon2id$v=19$m=64,t=1,p=1$garbage", kInvalid},
    {"Argon2UnknownVersion", Argon2id, "$argon2id$v=18$m=256,t=2,p=1$" + kPhcTail, kInvalid},
    {"Argon2FieldsOutOfOrder", Argon2id, "$argon2id$v=19$t=2,m=256,p=1$" + kPhcTail, kInvalid},
    {"Argon2SignedNumber", Argon2id, "$argon2id$v=19$m=+256,t=2,p=1$" + kPhcTail, kInvalid},
    {"Argon2PaddedBase64", Argon2id, "$argon2id$v=19$m=256,t=2,p=1$" + kPhcTail + "=", kInvalid},
    {"Argon2ShortSalt", Argon2id, "$argon2id$v=19$m=256,t=2,p=1$c2FsdA$" + kPhcTail.substr(23),
     kInvalid},
    {"Argon2NoHash", Argon2id, "$argon2id$v=19$m=256,t=2,p=1$bGF0Y2gtdGVzdC1zYWx0IQ", kInvalid},
    {"Argon2ZeroPasses", Argon2id, "$argon2id$v=19$m=256,t=0,p=1$" + kPhcTail, kInvalid},
    {"Argon2MemoryBelowLanes", Argon2id, "$argon2id$v=19$m=8,t=1,p=2$" + kPhcTail, kInvalid},
    {"Argon2MemoryAboveLimit", Argon2i, "$argon2i$v=19$m=262144,t=1,p=1$" + kPhcTail, kCostly},
    {"Argon2PassesAboveLimit", Argon2id, "$argon2id$v=19$m=256,t=33,p=1$" + kPhcTail, kCostly},
    {"Argon2LanesAboveLimit", Argon2d, "$argon2d$v=19$m=1024,t=1,p=17$" + kPhcTail, kCostly},
    {"Argon2HugeNumber", Argon2id, "$argon2id$v=19$m=99999999999999999999,t=1,p=1$" + kPhcTail,
     kInvalid},
    {"LegacyNotJson", Legacy, "invalid_json", kLegacy},
    {"LegacyObject", Legacy, R"({"algorithm":"md5"})", kLegacy},
    {"LegacyTwoMembers", Legacy, R"(["md5",["@"]])", kLegacy},
    {"LegacyFourMembers", Legacy, R"(["md5",["@"],"x","y"])", kLegacy},
    {"LegacyArgsNotArray", Legacy, R"(["sha256","not_an_array","abcd1234"])", kLegacy},
    {"LegacyArgNotString", Legacy, R"(["md5",["@",1],"abcd"])", kLegacy},
    {"LegacyNoPasswordArg", Legacy, legacy("sha256", R"("salt123")", kHex32), kLegacy},
    {"LegacyHugeNumberInJson", Legacy, R"(["md5",["@"],1e999])", kLegacy},
    {"LegacyUnknownAlgorithm", Legacy, legacy("invalid_algo", R"("@")", "abcd1234"), kUnsupported},
    {"LegacyEmptyAlgorithm", Legacy, legacy("", R"("@")", "abcd1234"), kUnsupported},
    {"LegacyDigestNotHex", Legacy, legacy("md5", R"("@")", "zz"), kLegacy},
    {"LegacyDigestOfAnotherSize", Legacy, legacy("sha256", R"("@")", std::string(32, 'a')),
     kLegacy},
    {"Pbkdf2BadHexSalt", Legacy, legacy("pbkdf2", R"("hex:zz","1000","32","sha256","@")", kHex32),
     kLegacy},
    {"Pbkdf2EmptyHexSalt", Legacy, legacy("pbkdf2", R"("hex:","1000","32","sha256","@")", kHex32),
     kLegacy},
    {"Pbkdf2TooFewArgs", Legacy, legacy("pbkdf2", R"("salt","1000","32","@")", kHex32), kLegacy},
    {"Pbkdf2PasswordNotLast", Legacy,
     legacy("pbkdf2", R"("@","1000","32","sha256","salt")", kHex32), kLegacy},
    {"Pbkdf2IterationsNotANumber", Legacy,
     legacy("pbkdf2", R"("salt","1e3","32","sha256","@")", kHex32), kLegacy},
    {"Pbkdf2NegativeIterations", Legacy,
     legacy("pbkdf2", R"("salt","-5","32","sha256","@")", kHex32), kLegacy},
    {"Pbkdf2ZeroIterations", Legacy, legacy("pbkdf2", R"("salt","0","32","sha256","@")", kHex32),
     kLegacy},
    {"Pbkdf2IterationsAboveLimit", Legacy,
     legacy("pbkdf2", R"("salt","10000001","32","sha256","@")", kHex32), kCostly},
    {"Pbkdf2HugeIterations", Legacy,
     legacy("pbkdf2", R"("salt","99999999999999999999999","32","sha256","@")", kHex32), kCostly},
    {"Pbkdf2BlocksTimesIterationsAboveLimit", Legacy,
     legacy("pbkdf2", R"("salt","5000001","64","sha256","@")", std::string(128, 'a')), kCostly},
    {"Pbkdf2KeyLengthNotTheDigests", Legacy,
     legacy("pbkdf2", R"("salt","1000","20","sha256","@")", kHex32), kLegacy},
    {"Pbkdf2ZeroKeyLength", Legacy, legacy("pbkdf2", R"("salt","1000","0","sha256","@")", ""),
     kLegacy},
    {"Pbkdf2UnknownDigest", Legacy, legacy("pbkdf2", R"("salt","1000","32","sha999","@")", kHex32),
     kUnsupported},
    {"Pbkdf2ExtendableOutputDigest", Legacy,
     legacy("pbkdf2", R"("salt","1000","32","shake256","@")", kHex32), kUnsupported},
    {"ScryptTooFewArgs", Legacy, legacy("scrypt", R"("salt","1024","8","1","@")", kHex32), kLegacy},
    {"ScryptNNotAPowerOfTwo", Legacy, legacy("scrypt", R"("salt","1000","8","1","32","@")", kHex32),
     kLegacy},
    {"ScryptNOne", Legacy, legacy("scrypt", R"("salt","1","8","1","32","@")", kHex32), kLegacy},
    {"ScryptRZero", Legacy, legacy("scrypt", R"("salt","1024","0","1","32","@")", kHex32), kLegacy},
    {"ScryptPZero", Legacy, legacy("scrypt", R"("salt","1024","8","0","32","@")", kHex32), kLegacy},
    // RFC 7914 §2: N < 2^(128 · r / 8); OpenSSL refuses N = 2^16 with r = 1.
    {"ScryptNAboveWhatRAllows", Legacy,
     legacy("scrypt", R"("salt","65536","1","1","32","@")", kHex32), kLegacy},
    {"ScryptMemoryAboveLimit", Legacy,
     legacy("scrypt", R"("salt","1048576","8","1","32","@")", kHex32), kCostly},
    {"ScryptParallelismAboveLimit", Legacy,
     legacy("scrypt", R"("salt","1024","8","17","32","@")", kHex32), kCostly},
    {"ScryptKeyLengthNotTheDigests", Legacy,
     legacy("scrypt", R"("salt","1024","8","1","16","@")", kHex32), kLegacy},
    {"FirebaseScryptBadBase64", Legacy,
     legacy("firebase-scrypt", "\"!!\",\"" + kSigner + R"(","Bw==","8","14","@")", kHex32),
     kLegacy},
    {"FirebaseScryptDigestNotTheSignersSize", Legacy,
     legacy("firebase-scrypt", "\"c2FsdA==\",\"" + kSigner + R"(","Bw==","8","14","@")", "AAAA"),
     kLegacy},
    {"FirebaseScryptTooFewArgs", Legacy,
     legacy("firebase-scrypt", "\"c2FsdA==\",\"" + kSigner + R"(","Bw==","8","@")", kSigner),
     kLegacy},
    {"FirebaseScryptZeroRounds", Legacy,
     legacy("firebase-scrypt", "\"c2FsdA==\",\"" + kSigner + R"(","Bw==","0","14","@")", kSigner),
     kLegacy},
    {"FirebaseScryptMemCostAboveLimit", Legacy,
     legacy("firebase-scrypt", "\"c2FsdA==\",\"" + kSigner + R"(","Bw==","8","20","@")", kSigner),
     kCostly},
    {"FirebaseScryptHugeMemCost", Legacy,
     legacy("firebase-scrypt", "\"c2FsdA==\",\"" + kSigner + R"(","Bw==","8","63","@")", kSigner),
     kCostly},
};

class RefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(RefusalTest, IsRefusedWithItsKey) {
  auto checked = check_password_digest(GetParam().algorithm, GetParam().digest);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, Errc::InvalidRequest);
  EXPECT_EQ(checked.error().key, GetParam().key) << checked.error().detail;
}

TEST_P(RefusalTest, NeverVerifies) {
  EXPECT_FALSE(verify_password_digest("password", GetParam().algorithm, GetParam().digest));
}

INSTANTIATE_TEST_SUITE_P(Malformed, RefusalTest, ::testing::ValuesIn(kRefusals),
                         [](const auto& info) { return std::string(info.param.description); });

// Logto stores any text as an unsalted hex digest; one that is not hex of the method's size is
// kept and simply verifies no password.
TEST(PlainDigestTest, AnyTextIsStoredButOnlyHexOfItsSizeVerifies) {
  for (const std::string& digest :
       {std::string(256, 'a'), std::string("9cc2ae8a"), std::string(40, 'z'), std::string()}) {
    EXPECT_TRUE(check_password_digest(Md5, digest)) << digest;
    EXPECT_FALSE(verify_password_digest("password", Md5, digest)) << digest;
  }
  EXPECT_TRUE(verify_password_digest("password", Md5, "5f4dcc3b5aa765d61d8327deb882cf99"));
}

}  // namespace
}  // namespace latch::crypto
