#include "latch/bearer_challenge.hpp"

#include <string_view>

namespace latch {
namespace {

// RFC 6750 §3: error_description and scope values are %x20-21 / %x23-5B / %x5D-7E, i.e.
// printable ASCII without '"' and '\'.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    bool allowed = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
    out += allowed ? c : '?';
  }
  return out + "\"";
}

// "Bearer realm="x", error="y", ..." from the non-empty parameters, in RFC 6750 §3's order.
std::string header(const ChallengeOptions& options, std::string_view error,
                   std::string_view description, bool with_scope) {
  std::string params;
  auto add = [&params](std::string_view name, std::string_view value) {
    params += (params.empty() ? " " : ", ") + std::string(name) + "=" + quoted(value);
  };
  if (!options.realm.empty()) {
    add("realm", options.realm);
  }
  if (!error.empty()) {
    add("error", error);
    add("error_description", description);
  }
  if (with_scope && !options.scopes.empty()) {
    std::string scope;
    for (const std::string& name : options.scopes) {
      scope += (scope.empty() ? "" : " ") + name;
    }
    add("scope", scope);
  }
  return "Bearer" + params;
}

bool is_unavailable(Errc code) {
  return code == Errc::network || code == Errc::discovery_failed ||
         code == Errc::unexpected_response;
}

}  // namespace

BearerChallenge bearer_challenge(const Error& error, const ChallengeOptions& options) {
  if (is_unavailable(error.code())) {
    return {.status = 503, .error = "temporarily_unavailable", .description = error.what()};
  }
  if (error.code() == Errc::insufficient_scope) {
    return {.status = 403,
            .www_authenticate = header(options, "insufficient_scope", error.what(), true),
            .error = "insufficient_scope",
            .description = error.what()};
  }
  return {.status = 401,
          .www_authenticate = header(options, "invalid_token", error.what(), false),
          .error = "invalid_token",
          .description = error.what()};
}

BearerChallenge bearer_challenge_without_token(const ChallengeOptions& options) {
  return {.status = 401,
          .www_authenticate = header(options, "", "", false),
          .description = "an access token is required"};
}

}  // namespace latch
