#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace latch {

// Where a Client keeps what it must remember between requests: the sign-in session (state,
// PKCE verifier, nonce, redirect URI), the ID token, the refresh token and the access tokens
// per resource. The guide's `Storage` (get/set/delete). A web app gives each visitor their own
// storage (a server-side session, or an encrypted cookie); see examples/bookstore.
// Keys are Logto's: "signInSession", "idToken", "refreshToken", "accessTokenMap".
class Storage {
 public:
  virtual ~Storage() = default;
  virtual std::optional<std::string> get(std::string_view key) = 0;
  virtual void set(std::string_view key, std::string value) = 0;
  virtual void remove(std::string_view key) = 0;
};

// In-process storage for one user (CLIs, tests, single-user tools). Thread-safe.
class MemoryStorage final : public Storage {
 public:
  std::optional<std::string> get(std::string_view key) override;
  void set(std::string_view key, std::string value) override;
  void remove(std::string_view key) override;

 private:
  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace latch
