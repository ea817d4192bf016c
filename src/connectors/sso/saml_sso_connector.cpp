#include "connectors/sso/saml_sso_connector.hpp"

#include <openssl/evp.h>

#include <map>
#include <memory>
#include <mutex>

#include "connectors/social/provider_http.hpp"
#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "http/form.hpp"
#include "saml/binding.hpp"
#include "saml/keys.hpp"
#include "saml/messages.hpp"
#include "saml/signature.hpp"

namespace latch::connectors::sso {
namespace {

namespace json = boost::json;

// After a signature fails, cached metadata older than this is fetched again, once (so a forged
// Response costs at most one fetch per URL every two seconds).
constexpr auto kRecheckAge = std::chrono::seconds(2);
constexpr std::string_view kRsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";

// Fetched IdP metadata by URL, shared by every connector (and node-local: each node fetches).
class MetadataCache {
 public:
  std::optional<std::string> get(const std::string& url, std::chrono::system_clock::time_point now,
                                 std::chrono::seconds max_age) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(url);
    if (it == entries_.end() || now - it->second.fetched > max_age) return std::nullopt;
    return it->second.xml;
  }
  void put(const std::string& url, std::string xml, std::chrono::system_clock::time_point now) {
    std::lock_guard lock(mutex_);
    entries_[url] = {std::move(xml), now};
  }

 private:
  struct Entry {
    std::string xml;
    std::chrono::system_clock::time_point fetched;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

bool json_bool(const json::object& object, std::string_view key) {
  const auto* v = object.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

MetadataCache& metadata_cache() {
  static MetadataCache cache;
  return cache;
}

Error bad_config(std::string detail) {
  return keyed_error(Errc::InvalidRequest, "connector.invalid_config", std::move(detail));
}

Result<std::string> fetch_metadata(const std::string& url, const ConnectorEnv& env,
                                   std::chrono::seconds max_age) {
  if (auto hit = metadata_cache().get(url, env.clock.now(), max_age)) return *hit;
  OutboundRequest req{.method = "GET", .url = url};
  req.headers = {{"Accept", "application/samlmetadata+xml, application/xml, text/xml"}};
  req.timeout = env.timeout;
  auto res = call_provider(std::move(req), "the IdP's SAML metadata");
  if (!res) return res.error();
  if (res->status != 200) {
    return connector_failure(
        Errc::Unavailable, "connector.unavailable",
        "the IdP's SAML metadata answered HTTP " + std::to_string(res->status));
  }
  metadata_cache().put(url, res->body, env.clock.now());
  return res->body;
}

Result<saml::IdpMetadata> manual_metadata(const json::object& config) {
  auto certificate = saml::Certificate::parse(json_text(config, "x509Certificate"));
  if (!certificate) return bad_config("x509Certificate: " + certificate.error().detail);
  saml::IdpMetadata out;
  out.entity_id = json_text(config, "entityId");
  out.sso_redirect_url = json_text(config, "signInEndpoint");
  out.signing_certificates.push_back(std::move(*certificate));
  return out;
}

// The default attribute names (Logto's defaultAttributeMapping), and the claim URIs Microsoft
// Entra ID and ADFS send, tried when the mapped attribute is absent.
constexpr std::string_view kEmailClaim =
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
constexpr std::string_view kNameClaim =
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
constexpr std::string_view kDisplayNameClaim =
    "http://schemas.microsoft.com/identity/claims/displayname";

json::object default_mapping() { return {{"id", "nameID"}, {"email", "email"}, {"name", "name"}}; }

// {nameID, every attribute}: one value as a string, several as an array (Logto's raw profile).
json::object raw_profile(const saml::VerifiedAssertion& assertion) {
  json::object raw{{"nameID", assertion.name_id}};
  for (const auto& attribute : assertion.attributes) {
    if (attribute.name.empty() || attribute.values.empty()) continue;
    if (attribute.values.size() == 1) {
      raw[attribute.name] = attribute.values.front();
      continue;
    }
    json::array values;
    for (const auto& v : attribute.values) values.emplace_back(v);
    raw[attribute.name] = std::move(values);
  }
  return raw;
}

// The first string of raw[name] (a multi-valued attribute gives its first value).
std::string first_value(const json::object& raw, std::string_view name) {
  const auto* v = raw.if_contains(name);
  if (!v) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_array() && !v->as_array().empty() && v->as_array()[0].is_string()) {
    return std::string(v->as_array()[0].as_string());
  }
  return {};
}

std::string mapped(const json::object& raw, const json::object& mapping, std::string_view key,
                   std::initializer_list<std::string_view> fallbacks) {
  std::string value = first_value(raw, json_text(mapping, key));
  for (auto name : fallbacks) {
    if (!value.empty()) break;
    value = first_value(raw, name);
  }
  return value;
}

// SAML bindings §3.4.4.1 with RSA-SHA512 (the library signs RSA-SHA256 only): the query with
// SigAlg appended, signed as it stands, then Signature. InvalidRequest for a non-RSA key.
Result<std::string> sign_query_sha512(std::string query, const saml::SigningKey& key) {
  if (!key.is_rsa()) return bad_config("RSA-SHA512 needs an RSA signing key");
  query += "&SigAlg=" + http::percent_encode(kRsaSha512);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(query.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha512(), nullptr, key.pkey()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, data, query.size()) != 1) {
    return keyed_error(Errc::Internal, "connector.general", "RSA-SHA512 signing failed");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, data,
                     query.size()) != 1) {
    return keyed_error(Errc::Internal, "connector.general", "RSA-SHA512 signing failed");
  }
  signature.resize(size);
  return query + "&Signature=" + http::percent_encode(crypto::base64_encode(signature));
}

class SamlSsoConnector final : public SsoConnector {
 public:
  SamlSsoConnector(json::object config, const ConnectorEnv& env, SamlSp sp)
      : config_(std::move(config)), env_(env), sp_(std::move(sp)) {}

  Result<std::string> authorization_uri(SsoSession& session) const override {
    auto idp = saml_idp_metadata(config_, env_);
    if (!idp) return idp.error();
    if (idp->sso_redirect_url.empty()) {
      return bad_config("the IdP has no HTTP-Redirect SingleSignOnService");
    }
    saml::AuthnRequest request{.id = saml::new_message_id(),
                               .issue_instant = env_.clock.now(),
                               .issuer = sp_.entity_id,
                               .destination = idp->sso_redirect_url,
                               .acs_url = sp_.acs_url};
    std::string query = saml::redirect_query(
        saml::MessageParam::Request, saml::build_authn_request(request), session.relay_state);
    // Logto's rule: the connector's flag, not the IdP's WantAuthnRequestsSigned, decides.
    if (json_bool(config_, "signAuthnRequest")) {
      if (!sp_.signing_key) {
        return keyed_error(Errc::InvalidRequest, "single_sign_on.active_signing_key_required",
                           "signAuthnRequest is on and the connector has no active key");
      }
      auto signed_query = json_text(config_, "requestSignatureAlgorithm") == kRsaSha512
                              ? sign_query_sha512(query, *sp_.signing_key)
                              : saml::sign_redirect_query(query, *sp_.signing_key);
      if (!signed_query) return bad_config("cannot sign: " + signed_query.error().detail);
      query = std::move(*signed_query);
    }
    session.request_id = request.id;
    return saml::redirect_url(idp->sso_redirect_url, query);
  }

  Result<SsoUserInfo> verify(const CallbackParams& data, const SsoSession& session) const override {
    auto response = data.find("SAMLResponse");
    if (response == data.end() || response->second.empty()) {
      return keyed_error(Errc::InvalidRequest, "session.connector_session_not_found",
                         "no SAML Response reached the ACS for this sign-in");
    }
    auto assertion = check_response(response->second, session, std::chrono::minutes(10));
    // An IdP that rotated its certificate publishes the new one in its metadata: a cached copy
    // older than kRecheckAge is fetched again before the Response is refused.
    if (!assertion && assertion.error().key == saml::keys::kSignatureInvalid &&
        !json_text(config_, "metadataUrl").empty()) {
      assertion = check_response(response->second, session, kRecheckAge);
    }
    if (!assertion) return assertion.error();
    return user_info(*assertion);
  }

 private:
  Result<saml::VerifiedAssertion> check_response(const std::string& xml, const SsoSession& session,
                                                 std::chrono::seconds max_age) const {
    auto idp = saml_idp_metadata(config_, env_, max_age);
    if (!idp) return idp.error();
    saml::ResponseCheck check{
        .idp_entity_id = idp->entity_id,
        .idp_certificates = idp->signing_certificates,
        .acs_url = sp_.acs_url,
        .sp_entity_id = sp_.entity_id,
        .in_response_to =
            session.request_id.empty() ? std::nullopt : std::optional(session.request_id),
        .now = env_.clock.now(),
    };
    // Refusals keep the library's saml.* keys: the sign-in page says what went wrong.
    return saml::parse_response(xml, check);
  }

  SsoUserInfo user_info(const saml::VerifiedAssertion& assertion) const {
    json::object raw = raw_profile(assertion);
    json::object mapping = default_mapping();
    if (const auto* given = config_.if_contains("attributeMapping"); given && given->is_object()) {
      for (const auto& [key, value] : given->as_object()) {
        if (value.is_string() && !value.as_string().empty()) mapping[key] = value;
      }
    }
    SsoUserInfo out;
    out.issuer = assertion.issuer;
    out.subject = mapped(raw, mapping, "id", {});
    out.email = mapped(raw, mapping, "email", {kEmailClaim});
    out.name = mapped(raw, mapping, "name", {kDisplayNameClaim, kNameClaim});
    out.raw = std::move(raw);
    out.assertion_id = assertion.assertion_id;
    out.assertion_expires_at = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   assertion.expires_at.time_since_epoch())
                                   .count();
    return out;
  }

  json::object config_;
  ConnectorEnv env_;
  SamlSp sp_;
};

}  // namespace

std::string saml_sp_entity_id(std::string_view endpoint, std::string_view connector_id) {
  return std::string(endpoint) + "/enterprise-sso/" + std::string(connector_id);
}

std::string saml_acs_url(std::string_view endpoint, std::string_view connector_id) {
  return std::string(endpoint) + "/api/authn/single-sign-on/saml/" + std::string(connector_id);
}

Result<saml::IdpMetadata> saml_idp_metadata(const json::object& config, const ConnectorEnv& env,
                                            std::chrono::seconds max_age) {
  std::string xml = json_text(config, "metadata");
  if (std::string url = json_text(config, "metadataUrl"); !url.empty()) {
    auto fetched = fetch_metadata(url, env, max_age);
    if (!fetched) return fetched.error();
    xml = std::move(*fetched);
  } else if (xml.empty()) {
    return manual_metadata(config);
  }
  auto parsed = saml::parse_idp_metadata(xml);
  if (!parsed) {
    return bad_config("the IdP's SAML metadata: " + parsed.error().description + " " +
                      parsed.error().detail);
  }
  return parsed;
}

json::object saml_provider_config(const json::object& config, const ConnectorEnv& env,
                                  const SamlSp& sp) {
  json::object out{{"defaultAttributeMapping", default_mapping()},
                   {"serviceProvider",
                    {{"entityId", sp.entity_id}, {"assertionConsumerServiceUrl", sp.acs_url}}}};
  auto idp = saml_idp_metadata(config, env);
  if (!idp || idp->signing_certificates.empty()) return out;
  const auto& certificate = idp->signing_certificates.front();
  auto expires = certificate.not_after();
  auto now = env.clock.now();
  out["identityProvider"] = json::object{
      {"entityId", idp->entity_id},
      {"signInEndpoint", idp->sso_redirect_url},
      {"x509Certificate", certificate.pem()},
      {"certificateExpiresAt",
       std::chrono::duration_cast<std::chrono::milliseconds>(expires.time_since_epoch()).count()},
      {"isCertificateValid", certificate.not_before() <= now && now < expires}};
  return out;
}

std::string saml_sp_metadata(const json::object& config, const SamlSp& sp) {
  saml::SpMetadata metadata{.entity_id = sp.entity_id, .acs_url = sp.acs_url};
  metadata.name_id_formats = {std::string(saml::uri::kNameIdEmail),
                              std::string(saml::uri::kNameIdPersistent)};
  if (sp.signing_key) metadata.signing_certificate = sp.signing_key->certificate();
  metadata.authn_requests_signed = json_bool(config, "signAuthnRequest");
  return saml::build_sp_metadata(metadata);
}

std::unique_ptr<SsoConnector> make_saml_connector(const json::object& config,
                                                  const ConnectorEnv& env, SamlSp sp) {
  return std::make_unique<SamlSsoConnector>(config, env, std::move(sp));
}

}  // namespace latch::connectors::sso
