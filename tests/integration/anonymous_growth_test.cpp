// Issue #14, defect 12: anonymous requests cannot grow the database without bound. Each browser
// has one pending sign-in, what a sign-in stores is capped, and what expires is purged on a
// schedule (the storage suite checks the purge itself on every backend).
#include <gtest/gtest.h>

#include <string>

#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/subprocess.hpp"

namespace latch::test {
namespace {

constexpr const char* kCallback = "http://localhost:3000/callback";

class AnonymousGrowthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {{"LATCH_PURGE_INTERVAL_MS", "200"}}});
    web_ = create_user_app(*server_, {.redirect_uris = {kCallback}});
  }
  static void TearDownTestSuite() { server_.reset(); }
  static TestServer& server() { return *server_; }

  // The answer of `sqlite3` on the server's database.
  static std::string sql(const std::string& statement) { return server().sql(statement); }
  static std::string interactions() { return sql("SELECT COUNT(*) FROM interactions"); }
  AuthorizeRequest request(const std::string& state = "s") const {
    return {.client_id = web_.id, .redirect_uri = kCallback, .state = state};
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline AppCredentials web_;
};

TEST_F(AnonymousGrowthTest, ABrowserHasOnePendingSignInAtATime) {
  std::string before = interactions();
  BrowserSession browser(server());
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(browser.get(request().target()).status, 303u);
  }
  EXPECT_EQ(std::stoi(interactions()), std::stoi(before) + 1);
  EXPECT_TRUE(is_sign_in_page(browser.navigate(request().target())))
      << "the latest sign-in still works";
}

TEST_F(AnonymousGrowthTest, AnOversizedStateIsRefusedAndStoresNothing) {
  std::string before = interactions();
  HttpResponse res = server().client().get(request(std::string(3000, 's')).target());
  EXPECT_EQ(res.status, 400u) << "a page: a redirect would echo the state back";
  EXPECT_FALSE(res.has_header("Location"));
  EXPECT_EQ(interactions(), before);
}

TEST_F(AnonymousGrowthTest, ExpiredSignInsArePurgedOnSchedule) {
  BrowserSession browser(server());
  ASSERT_EQ(browser.get(request().target()).status, 303u);
  auto uid = browser.cookie("_latch_interaction");
  ASSERT_TRUE(uid);
  std::string where = " WHERE uid = '" + *uid + "'";
  ASSERT_EQ(sql("SELECT COUNT(*) FROM interactions" + where), "1");
  sql("UPDATE interactions SET expires_at = 1" + where);  // as if its hour had passed
  EXPECT_TRUE(eventually([&] { return sql("SELECT COUNT(*) FROM interactions" + where) == "0"; }));
}

}  // namespace
}  // namespace latch::test
