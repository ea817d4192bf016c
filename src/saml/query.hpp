#pragma once

// Internal to the saml module: the raw query strings of the HTTP-Redirect binding.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latch::saml::detail {

struct RawParam {
  std::string_view name;   // percent-decoded names are never needed: SAML's are plain ASCII
  std::string_view value;  // still URL-encoded, as the signature covers it
};

// Splits "a=1&b=2" at '&' and the first '='; nullopt when a name repeats.
std::optional<std::vector<RawParam>> split_query(std::string_view raw_query);
// The raw value of `name`, or nullopt.
std::optional<std::string_view> find_param(const std::vector<RawParam>& params,
                                           std::string_view name);
// Percent-decodes `raw` ('+' as a space when `plus_as_space`); nullopt on a bad escape.
std::optional<std::string> url_decode(std::string_view raw, bool plus_as_space);
// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);

}  // namespace latch::saml::detail
