#include "latch/claims.hpp"

#include <algorithm>

namespace latch {

bool AccessTokenClaims::has_scope(std::string_view scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

bool AccessTokenClaims::has_all(const std::vector<std::string>& required) const {
  return std::all_of(required.begin(), required.end(),
                     [this](const std::string& scope) { return has_scope(scope); });
}

bool AccessTokenClaims::has_any(const std::vector<std::string>& accepted) const {
  return std::any_of(accepted.begin(), accepted.end(),
                     [this](const std::string& scope) { return has_scope(scope); });
}

std::vector<std::string> AccessTokenClaims::missing(
    const std::vector<std::string>& required) const {
  std::vector<std::string> out;
  for (const std::string& scope : required) {
    if (!has_scope(scope)) {
      out.push_back(scope);
    }
  }
  return out;
}

}  // namespace latch
