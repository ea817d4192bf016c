#include "oidc/discovery.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace latch::oidc {
namespace {

boost::json::array strings(std::initializer_list<const char*> items) {
  boost::json::array out;
  for (const char* item : items) out.emplace_back(item);
  return out;
}

}  // namespace

std::string discovery_document(const Config& config, const std::vector<std::string>& grant_types) {
  const std::string issuer = config.issuer();
  boost::json::array grants;
  for (const auto& g : grant_types) grants.emplace_back(g);
  boost::json::object doc{
      {"issuer", issuer},
      {"token_endpoint", issuer + "/token"},
      {"jwks_uri", issuer + "/jwks"},
      {"grant_types_supported", std::move(grants)},
      {"token_endpoint_auth_methods_supported",
       strings({"client_secret_basic", "client_secret_post"})},
      {"scopes_supported", boost::json::array{}},
      {"response_types_supported", boost::json::array{}},
      {"subject_types_supported", strings({"public"})},
      {"id_token_signing_alg_values_supported", strings({"ES256", "ES384", "RS256", "EdDSA"})},
      {"claims_parameter_supported", false},
      {"request_parameter_supported", false},
      {"request_uri_parameter_supported", false},
  };
  return boost::json::serialize(doc);
}

}  // namespace latch::oidc
