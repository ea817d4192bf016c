#include "latch/claims.hpp"

#include <algorithm>

namespace latch {

bool AccessTokenClaims::has_scope(std::string_view scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

}  // namespace latch
