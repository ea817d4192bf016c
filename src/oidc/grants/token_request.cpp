#include "oidc/grants/token_request.hpp"

#include "oidc/scope.hpp"

namespace latch::oidc {

Result<TokenRequest> parse_token_request(const http::Params& params) {
  TokenRequest out;
  out.grant_type = params.value("grant_type");
  out.code = params.value("code");
  out.redirect_uri = params.value("redirect_uri");
  out.code_verifier = params.value("code_verifier");
  out.refresh_token = params.value("refresh_token");
  out.device_code = params.value("device_code");
  out.subject_token = params.value("subject_token");
  out.subject_token_type = params.value("subject_token_type");
  out.actor_token = params.value("actor_token");
  out.actor_token_type = params.value("actor_token_type");
  out.organization_id = params.value("organization_id");
  if (auto scope = params.get("scope")) {
    auto parsed = parse_scope(*scope);
    if (!parsed) return parsed.error();
    out.scope = std::move(*parsed);
  }
  auto resources = resource_values(params);
  if (!resources) return resources.error();
  out.resources = std::move(*resources);
  return out;
}

}  // namespace latch::oidc
