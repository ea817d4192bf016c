#pragma once

#include <string>
#include <vector>

#include "core/config.hpp"

namespace latch::oidc {

// The OpenID Provider Metadata (OIDC Discovery 1.0 §3, RFC 8414 §2) of this deployment. Lists
// only what works: the grant types actually registered at the token endpoint.
std::string discovery_document(const Config& config, const std::vector<std::string>& grant_types);

}  // namespace latch::oidc
