#include <algorithm>
#include <array>

#include "connectors/sso/oidc_sso_provider.hpp"
#include "core/error.hpp"

// The provider table, and the SAML providers' configuration (Logto's samlConnectorConfigGuard).
namespace latch::connectors::sso {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 2> kSignatureAlgorithms{
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"};

// The members every SAML configuration may add: attributeMapping {id, email, name} (strings),
// signAuthnRequest, requestSignatureAlgorithm.
Result<void> copy_saml_options(const json::object& in, json::object& out) {
  if (const auto* map = in.if_contains("attributeMapping")) {
    if (!map->is_object()) return invalid_config("attributeMapping", "must be an object");
    json::object mapping;
    for (std::string_view key : {"id", "email", "name"}) {
      const auto* v = map->as_object().if_contains(key);
      if (!v) continue;
      if (!v->is_string()) {
        return invalid_config("attributeMapping." + std::string(key), "must be a string");
      }
      mapping[key] = *v;
    }
    out["attributeMapping"] = std::move(mapping);
  }
  if (const auto* sign = in.if_contains("signAuthnRequest")) {
    if (!sign->is_bool()) return invalid_config("signAuthnRequest", "must be true or false");
    out["signAuthnRequest"] = *sign;
  }
  if (const auto* alg = in.if_contains("requestSignatureAlgorithm")) {
    bool known = alg->is_string() &&
                 std::find(kSignatureAlgorithms.begin(), kSignatureAlgorithms.end(),
                           std::string_view(alg->as_string())) != kSignatureAlgorithms.end();
    if (!known) return invalid_config("requestSignatureAlgorithm", "is not supported");
    out["requestSignatureAlgorithm"] = *alg;
  }
  return ok();
}

// The first of Logto's three shapes whose members are all strings: metadataUrl, metadata, or
// entityId + signInEndpoint + x509Certificate.
Result<json::object> saml_config(const json::object& in) {
  const std::array<std::vector<std::string_view>, 3> shapes{
      std::vector<std::string_view>{"metadataUrl"}, std::vector<std::string_view>{"metadata"},
      std::vector<std::string_view>{"entityId", "signInEndpoint", "x509Certificate"}};
  for (const auto& shape : shapes) {
    bool fits = std::all_of(shape.begin(), shape.end(), [&](std::string_view key) {
      const auto* v = in.if_contains(key);
      return v && v->is_string();
    });
    if (!fits) continue;
    json::object out;
    for (auto key : shape) out[key] = in.at(key);
    if (auto options = copy_saml_options(in, out); !options) return options.error();
    return out;
  }
  return invalid_config("metadata",
                        "needs metadataUrl, metadata, or entityId, signInEndpoint and "
                        "x509Certificate, each a string");
}

class SamlSsoProvider final : public SsoProvider {
 public:
  explicit SamlSsoProvider(ProviderInfo info) : info_(info) {}
  const ProviderInfo& info() const override { return info_; }
  Result<json::object> validate(const json::object& config) const override {
    return saml_config(config);
  }
  Result<json::object> provider_config(const json::object&, const ConnectorEnv&) const override {
    return keyed_error(Errc::Unavailable, "connector.unavailable",
                       "SAML metadata is read by the SAML connector, not in this build");
  }
  std::unique_ptr<SsoConnector> create(const json::object&, const ConnectorEnv&) const override {
    return nullptr;
  }

 private:
  ProviderInfo info_;
};

constexpr std::string_view kSamlLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><rect x="3" y="5" width="18" height="14" rx="3" fill="none" stroke="#5d34f2" stroke-width="2"/><path fill="#5d34f2" d="M7 11h10v2H7z"/></svg>)svg";
constexpr std::string_view kSamlLogoDark =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><rect x="3" y="5" width="18" height="14" rx="3" fill="none" stroke="#cabeff" stroke-width="2"/><path fill="#cabeff" d="M7 11h10v2H7z"/></svg>)svg";
constexpr std::string_view kMicrosoftSamlLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><path fill="#0078d4" d="M3 17 12 3l9 14-9 4z"/></svg>)svg";

}  // namespace

Error invalid_config(std::string_view field, std::string_view why) {
  Error error = keyed_error(Errc::InvalidRequest, "connector.invalid_config",
                            std::string(field) + " " + std::string(why));
  return with_field(std::move(error), std::string(field));
}

const SsoProvider& saml_provider() {
  static const SamlSsoProvider provider{
      {"SAML", "saml", "SAML", "XML-based open standard for web browser single sign-on.",
       "Web ブラウザのシングルサインオンのための XML ベースのオープン標準。", kSamlLogo,
       kSamlLogoDark}};
  return provider;
}

const SsoProvider& azure_saml_provider() {
  static const SamlSsoProvider provider{
      {"AzureAD", "saml", "Microsoft Entra ID (SAML)",
       "SAML on the Microsoft identity platform. Formerly known as Azure AD.",
       "Microsoft ID プラットフォーム上の SAML。旧称 Azure AD。", kMicrosoftSamlLogo,
       kMicrosoftSamlLogo}};
  return provider;
}

const std::vector<const SsoProvider*>& sso_providers() {
  static const std::vector<const SsoProvider*> all{&oidc_provider(),
                                                   &saml_provider(),
                                                   &azure_saml_provider(),
                                                   &azure_oidc_provider(),
                                                   &google_workspace_provider(),
                                                   &okta_provider()};
  return all;
}

const SsoProvider* find_sso_provider(std::string_view provider_name) {
  for (const auto* p : sso_providers()) {
    if (p->info().provider_name == provider_name) return p;
  }
  return nullptr;
}

}  // namespace latch::connectors::sso
