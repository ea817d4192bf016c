// The cookie-session storage example: values survive a round trip through one sealed cookie;
// anything else reads as an empty storage.
#include "../examples/cookie_session_storage.hpp"

#include <gtest/gtest.h>

#include "latch/client.hpp"
#include "support/client_world.hpp"

namespace latch::examples {
namespace {

const std::string kKey(32, 'k');

TEST(CookieSessionStorageTest, ValuesSurviveTheRoundTrip) {
  CookieSessionStorage out(kKey);
  out.set("idToken", "a.b.c");
  out.set("refreshToken", std::string(500, 'r'));
  EXPECT_TRUE(out.changed());
  CookieSessionStorage in(kKey);
  in.load("theme=dark; latch_session=" + out.cookie_value() + "; lang=en");
  EXPECT_EQ(in.get("idToken"), "a.b.c");
  EXPECT_EQ(in.get("refreshToken"), std::string(500, 'r'));
  EXPECT_FALSE(in.changed());
  in.remove("idToken");
  EXPECT_TRUE(in.changed());
  EXPECT_FALSE(in.get("idToken"));
}

TEST(CookieSessionStorageTest, SealedValueDoesNotShowTheTokens) {
  CookieSessionStorage out(kKey);
  out.set("refreshToken", "secret-refresh-token");
  EXPECT_EQ(out.cookie_value().find("secret"), std::string::npos);
  EXPECT_NE(out.cookie_value(), out.cookie_value());  // a fresh IV each time
}

TEST(CookieSessionStorageTest, TamperedCookieLoadsEmpty) {
  CookieSessionStorage out(kKey);
  out.set("idToken", "a.b.c");
  std::string value = out.cookie_value();
  for (std::size_t at : {std::size_t{0}, value.size() / 2, value.size() - 1}) {
    std::string tampered = value;
    tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
    CookieSessionStorage in(kKey);
    EXPECT_NO_THROW(in.load("latch_session=" + tampered));
    EXPECT_FALSE(in.get("idToken")) << at;
  }
}

TEST(CookieSessionStorageTest, OtherKeyNameOrGarbageLoadsEmpty) {
  CookieSessionStorage out(kKey);
  out.set("idToken", "a.b.c");
  CookieSessionStorage other_key(std::string(32, 'z'));
  other_key.load_value(out.cookie_value());
  EXPECT_FALSE(other_key.get("idToken"));
  CookieSessionStorage other_name(kKey, "other_session");
  other_name.load_value(out.cookie_value());
  EXPECT_FALSE(other_name.get("idToken"));
  CookieSessionStorage garbage(kKey);
  for (const char* value : {"", "!!!", "AAAA", "latch_session"}) {
    EXPECT_NO_THROW(garbage.load_value(value));
    EXPECT_FALSE(garbage.get("idToken"));
  }
  EXPECT_NO_THROW(garbage.load(""));
}

TEST(CookieSessionStorageTest, SetCookieExpiresAnEmptySession) {
  CookieSessionStorage storage(kKey);
  EXPECT_EQ(storage.set_cookie(), "latch_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
  storage.set("idToken", "x");
  EXPECT_TRUE(storage.set_cookie(true).ends_with("; Path=/; HttpOnly; SameSite=Lax; Secure"));
}

TEST(CookieSessionStorageTest, WrongKeySizeIsInvalidConfig) {
  try {
    CookieSessionStorage storage("short");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::invalid_config);
  }
}

// A web app's requests: each builds a storage from the cookie the previous response set.
TEST(CookieSessionStorageTest, ClientSignsInAcrossRequestsThroughTheCookie) {
  auto& w = sdk_test::client_world();
  std::string cookie;
  auto request = [&](auto handle) {
    CookieSessionStorage storage(kKey);
    storage.load(cookie);
    Client client(w.config(w.web), storage);
    handle(client);
    if (storage.changed()) {
      std::string set = storage.set_cookie();
      cookie = set.substr(0, set.find(';'));
    }
  };
  std::string url;
  request([&](Client& c) { url = c.sign_in(w.redirect_uri); });
  std::string callback = sdk_test::sign_in_at_server(url);
  request([&](Client& c) { c.handle_sign_in_callback(callback); });
  EXPECT_LT(cookie.size(), 4096u);
  request([&](Client& c) {
    EXPECT_TRUE(c.is_authenticated());
    EXPECT_EQ(c.fetch_user_info().at("sub").as_string(), w.user_id);
  });
  request([&](Client& c) { c.sign_out(w.post_logout_uri); });
  EXPECT_EQ(cookie, "latch_session=");
  request([&](Client& c) { EXPECT_FALSE(c.is_authenticated()); });
}

}  // namespace
}  // namespace latch::examples
