// SamlSignIn over a real (SQLite) store: the OIDC side of a SAML app follows the server's
// endpoint, so apps made before a move to a new LATCH_ENDPOINT keep signing people in.
#include "management/saml_sign_in.hpp"

#include <gtest/gtest.h>

#include "management/saml_application_service.hpp"
#include "saml/messages.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace latch::management {
namespace {

constexpr const char* kOld = "https://old.example.test";
constexpr const char* kNew = "https://id.example.test";

class SamlSignInStartTest : public ::testing::Test {
 protected:
  SamlSignInStartTest() : store_(test::open_test_store(dir_.path())) {}

  std::string make_app(const std::string& endpoint) {
    SamlApplicationService apps(*store_, secrets_, clock_, endpoint);
    SamlAppChange change{.name = "Wiki"};
    change.entity_id = std::optional<std::string>("https://sp.example.test/metadata");
    change.acs_url = std::optional<boost::json::object>(boost::json::object{
        {"binding", saml::uri::kHttpPost}, {"url", "https://sp.example.test/acs"}});
    auto made = apps.create(change);
    EXPECT_TRUE(made) << made.error().description;
    return made ? made->app.id : "";
  }

  std::vector<std::string> redirect_uris(const std::string& id) {
    std::vector<std::string> out;
    auto done = store_->read([&](storage::Tx& tx) -> Result<void> {
      auto app = tx.applications().find(id);
      if (!app) return app.error();
      if (*app) out = (*app)->redirect_uris;
      return ok();
    });
    EXPECT_TRUE(done);
    return out;
  }

  test::TempDir dir_;
  test::FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  crypto::SecretBox secrets_{std::string(32, 'k')};
};

TEST_F(SamlSignInStartTest, TheCallbackFollowsTheServerToItsNewEndpoint) {
  std::string id = make_app(kOld);
  std::string old_callback = std::string(kOld) + "/api/saml-applications/" + id + "/callback";
  ASSERT_EQ(redirect_uris(id), std::vector<std::string>{old_callback});

  SamlSignIn moved(*store_, secrets_, clock_, kNew);
  auto started = moved.start({.app_id = id, .binding = SamlBinding::IdpInitiated});
  ASSERT_TRUE(started) << started.error().description;
  std::string new_callback = std::string(kNew) + "/api/saml-applications/" + id + "/callback";
  EXPECT_EQ(redirect_uris(id), std::vector<std::string>{new_callback});
  EXPECT_TRUE(started->authorization_url.starts_with(std::string(kNew) + "/oidc/auth?"));
  EXPECT_NE(started->authorization_url.find("api%2Fsaml-applications%2F" + id + "%2Fcallback"),
            std::string::npos)
      << started->authorization_url;
}

}  // namespace
}  // namespace latch::management
