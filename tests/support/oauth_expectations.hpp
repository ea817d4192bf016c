#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "support/http_test_client.hpp"

namespace latch::test {

// Success when `res` is an OAuth error response (RFC 6749 §5.2) as Latch renders every one:
// `status`, JSON with `error` == `error`, a non-empty `error_description`, Logto's `code`
// ("oidc." + error) and `message`, and Cache-Control: no-store. A 401 must also carry
// WWW-Authenticate (RFC 6749 §5.2 for invalid_client).
::testing::AssertionResult is_oauth_error(const HttpResponse& res, unsigned status,
                                          std::string_view error);

}  // namespace latch::test
