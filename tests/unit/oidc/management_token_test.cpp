#include "oidc/management_token.hpp"

#include <gtest/gtest.h>

#include "crypto/jws.hpp"
#include "crypto/random.hpp"
#include "storage/store.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"

namespace latch::oidc {
namespace {

namespace json = boost::json;

constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::string_view kIssuer = "https://id.example/oidc";

// A real key set: a SQLite store in a temp dir, keys made by KeyService, loaded by KeyStore.
class ManagementTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::open_store((dir_.path() / "latch.db").string());
    ASSERT_TRUE(store) << store.error().description;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate(clock_));
    KeyService service(*store_, secrets_);
    ASSERT_TRUE(service.ensure_keys(kNow));
    ASSERT_TRUE(keys_.reload(*store_, kNow));
  }

  std::string sign(json::object payload) {
    const auto* key = keys_.snapshot()->signer(crypto::JwsAlg::ES256);
    return "Bearer " + crypto::sign_jwt(*key, payload, "at+jwt");
  }

  json::object claims(json::value aud, std::string scope, std::int64_t exp = kNow + 60) {
    return {{"iss", kIssuer}, {"aud", std::move(aud)}, {"scope", std::move(scope)},
            {"exp", exp},     {"sub", "app-1"},        {"client_id", "app-1"}};
  }

  test::FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(kNow))};
  test::TempDir dir_;
  crypto::SecretBox secrets_{crypto::random_bytes(32)};
  std::unique_ptr<storage::Store> store_;
  KeyStore keys_{secrets_};
};

TEST_F(ManagementTokenTest, AcceptsLatchsAndLogtosResourceWithScopeAll) {
  for (std::string_view aud : {kManagementResource, kLogtoManagementResource}) {
    auto caller =
        authorize_management(sign(claims(json::string(aud), "read all")), keys_, kIssuer, kNow);
    ASSERT_TRUE(caller) << caller.error().detail;
    EXPECT_EQ(caller->client_id, "app-1");
  }
  auto listed = authorize_management(
      sign(claims(json::array{"https://other.example", kLogtoManagementResource}, "all")), keys_,
      kIssuer, kNow);
  EXPECT_TRUE(listed);
}

TEST_F(ManagementTokenTest, RefusesWhatIsNotAManagementTokenWithScopeAll) {
  auto code_of = [&](const std::string& header) {
    auto r = authorize_management(header, keys_, kIssuer, kNow);
    return r ? std::string("ok") : r.error().description;
  };
  EXPECT_EQ(code_of(sign(claims(json::string(kManagementResource), "read"))), "auth.forbidden");
  EXPECT_EQ(code_of(sign(claims(json::string(kManagementResource), "allx"))), "auth.forbidden");
  EXPECT_EQ(code_of(sign(claims("https://other.example", "all"))), "auth.unauthorized");
  EXPECT_EQ(code_of(sign(claims(json::string(kManagementResource), "all", kNow))),
            "auth.unauthorized");
  auto other_issuer = claims(json::string(kManagementResource), "all");
  other_issuer["iss"] = "https://evil.example/oidc";
  EXPECT_EQ(code_of(sign(other_issuer)), "auth.unauthorized");
  EXPECT_EQ(code_of(""), "auth.unauthorized");
  EXPECT_EQ(code_of("Basic abc"), "auth.unauthorized");
  EXPECT_EQ(code_of("Bearer x.y.z"), "auth.unauthorized");
}

}  // namespace
}  // namespace latch::oidc
