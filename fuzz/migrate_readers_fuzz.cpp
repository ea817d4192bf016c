// The import readers (src/migrate): read_keycloak of a realm export, read_auth0 of a users file
// and a password hashes file. Input: the first line selects the reader ("keycloak" or anything
// else for Auth0); for Auth0, the users NDJSON and the hashes NDJSON are split at "\n~~\n".
//   - no input crashes, leaks or runs away (the sanitizers);
//   - every user, app and organization read has a Latch id of the right size and alphabet, and
//     a password is one of Logto's algorithms.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "migrate/auth0.hpp"
#include "migrate/keycloak.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

bool latch_id(std::string_view id, std::size_t size) {
  return id.size() == size && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
         });
}

void check(const migrate::ImportPlan& plan) {
  for (const auto& user : plan.users) {
    FUZZ_CHECK(latch_id(user.id, 12));
    if (user.password) {
      const std::string& a = user.password->algorithm;
      FUZZ_CHECK(a == "Bcrypt" || a == "Legacy" || a == "Argon2id" || a == "Argon2i" ||
                 a == "Argon2d");
    }
  }
  for (const auto& app : plan.apps) FUZZ_CHECK(latch_id(app.id, 21));
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace latch;
  const auto fields = fuzz::split_fields(fuzz::as_text(data, size), 2);
  if (fields[0] == "keycloak") {
    if (auto plan = migrate::read_keycloak(fields[1])) fuzz::check(*plan);
    return 0;
  }
  std::string_view rest = fields[1];
  auto split = rest.find("\n~~\n");
  std::string_view users = rest.substr(0, split);
  std::string_view hashes =
      split == std::string_view::npos ? std::string_view() : rest.substr(split + 4);
  if (auto plan = migrate::read_auth0(users, hashes)) fuzz::check(*plan);
  return 0;
}
