#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"

namespace latch::oidc {

// Splits a space-delimited scope parameter (RFC 6749 §3.3) into unique tokens, in order.
// InvalidScope when a token has characters outside %x21 / %x23-5B / %x5D-7E.
[[nodiscard]] Result<std::vector<std::string>> parse_scope(std::string_view scope);
std::string join_scope(const std::vector<std::string>& scopes);
bool has_scope(const std::vector<std::string>& scopes, std::string_view scope);

// The `resource` values of a request (RFC 8707 §2): repeated parameters, and comma-separated
// lists as Logto's SDKs send them. InvalidTarget when a value is not an absolute URI or has a
// fragment.
[[nodiscard]] Result<std::vector<std::string>> resource_values(const http::Params& params);

}  // namespace latch::oidc
