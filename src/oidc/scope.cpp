#include "oidc/scope.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>

namespace latch::oidc {
namespace {

bool is_scope_char(unsigned char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

bool is_absolute_uri(std::string_view text) {
  auto url = boost::urls::parse_absolute_uri(text);
  return url.has_value();
}

}  // namespace

Result<std::vector<std::string>> parse_scope(std::string_view scope) {
  std::vector<std::string> out;
  while (!scope.empty()) {
    std::size_t space = scope.find(' ');
    std::string_view token = scope.substr(0, space);
    scope = space == std::string_view::npos ? std::string_view{} : scope.substr(space + 1);
    if (token.empty()) continue;
    if (!std::all_of(token.begin(), token.end(),
                     [](char c) { return is_scope_char(static_cast<unsigned char>(c)); })) {
      return make_error(Errc::InvalidScope, "scope contains characters that are not allowed");
    }
    if (!has_scope(out, token)) out.emplace_back(token);
  }
  return out;
}

std::string join_scope(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) {
    if (!out.empty()) out.push_back(' ');
    out += s;
  }
  return out;
}

bool has_scope(const std::vector<std::string>& scopes, std::string_view scope) {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

Result<std::vector<std::string>> resource_values(const http::Params& params) {
  std::vector<std::string> out;
  for (std::string_view value : params.all("resource")) {
    while (!value.empty()) {
      std::size_t comma = value.find(',');
      std::string_view one = value.substr(0, comma);
      value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
      if (one.empty()) continue;
      if (!is_absolute_uri(one) || one.find('#') != std::string_view::npos) {
        return make_error(Errc::InvalidTarget,
                          "resource must be an absolute URI without a fragment");
      }
      if (std::find(out.begin(), out.end(), one) == out.end()) out.emplace_back(one);
    }
  }
  return out;
}

}  // namespace latch::oidc
