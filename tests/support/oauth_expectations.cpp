#include "support/oauth_expectations.hpp"

#include <boost/json.hpp>

namespace latch::test {
namespace {

std::string_view string_member(const boost::json::value& body, std::string_view name) {
  const auto* member = body.is_object() ? body.as_object().if_contains(name) : nullptr;
  return member && member->is_string() ? std::string_view(member->as_string()) : "";
}

}  // namespace

::testing::AssertionResult is_oauth_error(const HttpResponse& res, unsigned status,
                                          std::string_view error) {
  auto failure = [&] { return ::testing::AssertionFailure() << "response " << res.body << ": "; };
  if (res.status != status) return failure() << "status " << res.status << ", want " << status;
  boost::json::value body = res.json();
  if (string_member(body, "error") != error) return failure() << "error is not " << error;
  if (string_member(body, "error_description").empty()) return failure() << "no description";
  if (string_member(body, "code") != "oidc." + std::string(error)) return failure() << "bad code";
  if (string_member(body, "message").empty()) return failure() << "no message";
  if (res.header("Cache-Control").find("no-store") == std::string::npos) {
    return failure() << "Cache-Control is '" << res.header("Cache-Control") << "'";
  }
  if (status == 401 && res.header("WWW-Authenticate").empty()) {
    return failure() << "401 without WWW-Authenticate";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace latch::test
