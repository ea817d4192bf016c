#include "oidc/client_authenticator.hpp"

#include "core/utf8.hpp"
#include "crypto/encoding.hpp"
#include "crypto/foreign_jws.hpp"
#include "crypto/hash.hpp"
#include "http/form.hpp"

namespace latch::oidc {
namespace {

struct Credentials {
  std::string id;
  std::string secret;
};

Error invalid_client(std::string description) {
  return make_error(Errc::InvalidClient, std::move(description));
}

// No client has this id: oidc-provider's adapter folds the failed lookup into a 400 naming it.
Error unknown_client(std::string_view id) {
  constexpr std::size_t kShown = 128;
  return Error{.code = Errc::InvalidClient,
               .key = std::string(kUnknownClientKey),
               .description = "invalid client " + std::string(id.substr(0, kShown))};
}

// A malformed Authorization header is a malformed request, as Logto (oidc-provider) answers it.
Error malformed_header() {
  return make_error(Errc::InvalidRequest, "invalid authorization header value format");
}

// RFC 7617 §2 with RFC 6749 §2.3.1's form-urlencoding of both parts.
Result<Credentials> parse_basic(std::string_view header) {
  constexpr std::string_view kScheme = "basic ";
  if (header.size() <= kScheme.size()) return malformed_header();
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) {
      return malformed_header();
    }
  }
  auto decoded = crypto::base64_decode(header.substr(kScheme.size()));
  if (!decoded) return malformed_header();
  // oidc-provider reads the credentials as UTF-8, replacing what is not: bytes that are not UTF-8
  // name no client it knows (invalid_client), where a malformed escape is a malformed request.
  if (!is_utf8(*decoded)) return invalid_client("client authentication failed");
  std::size_t colon = decoded->find(':');
  if (colon == std::string::npos) return malformed_header();
  auto id = http::percent_decode(std::string_view(*decoded).substr(0, colon), true);
  auto secret = http::percent_decode(std::string_view(*decoded).substr(colon + 1), true);
  if (!id || !secret) {
    return make_error(Errc::InvalidRequest,
                      "client_id and client_secret in the authorization header are not properly "
                      "encoded");
  }
  if (id->empty()) return malformed_header();
  return Credentials{std::move(*id), std::move(*secret)};
}

// RFC 6749 §2.3.1: any of the client's secrets authenticates it, compared as SHA-256 hashes in
// constant time; one that has expired is refused as Logto refuses it (invalid_request).
Result<AuthenticatedClient> check_secret(const ClientEntry* client, std::string_view secret,
                                         ClientAuthMethod method, std::int64_t now_ms) {
  const std::string presented = crypto::sha256(secret);
  const ClientSecret* matched = nullptr;
  for (const auto& candidate : client->secrets) {
    if (crypto::constant_time_equal(presented, candidate.sha256)) matched = &candidate;
  }
  // A public client presenting a secret has nothing to check it against.
  if (!matched) return invalid_client("client authentication failed");
  if (matched->expired(now_ms)) {
    return make_error(Errc::InvalidRequest, "client secret has expired");
  }
  // A client registered for a JWT method has given up sending its secret (RFC 7591 §2).
  const std::string& registered = client->app.token_endpoint_auth_method;
  if (registered == model::kAuthSecretJwt || registered == model::kAuthPrivateKeyJwt) {
    return invalid_client("this client must authenticate with " + registered);
  }
  return AuthenticatedClient{client, method, matched->name};
}

// The unverified "sub" of the body's client assertion, for counting failures per client.
std::optional<std::string> assertion_subject(const http::Params& body) {
  auto assertion = body.get("client_assertion");
  if (!assertion) return std::nullopt;
  auto jws = crypto::decode_unverified(*assertion);
  if (!jws) return std::nullopt;
  const auto* sub = jws->payload.if_contains("sub");
  if (!sub || !sub->is_string() || sub->as_string().empty()) return std::nullopt;
  return std::string(sub->as_string());
}

}  // namespace

Result<AuthenticatedClient> authenticate_client(const http::Request& request,
                                                const http::Params& body,
                                                const CatalogSnapshot& catalog,
                                                std::int64_t now_ms) {
  std::string_view authorization = request.header(http::bhttp::field::authorization);
  auto body_id = body.get("client_id");
  auto body_secret = body.get("client_secret");
  if (has_client_assertion(body)) {
    return make_error(Errc::InvalidRequest, "client_assertion is not accepted by this check");
  }
  if (!authorization.empty()) {
    auto creds = parse_basic(authorization);
    if (!creds) return creds.error();
    if (body_secret) {
      return make_error(Errc::InvalidRequest,
                        "client authentication must only be provided using one mechanism");
    }
    if (body_id && *body_id != creds->id) {
      return make_error(Errc::InvalidRequest, "client_id mismatch");
    }
    const ClientEntry* client = catalog.client(creds->id);
    if (!client) return unknown_client(creds->id);
    return check_secret(client, creds->secret, ClientAuthMethod::SecretBasic, now_ms);
  }
  if (!body_id || body_id->empty()) {
    return make_error(Errc::InvalidRequest, "no client authentication mechanism provided");
  }
  const ClientEntry* client = catalog.client(*body_id);
  if (!client) return unknown_client(*body_id);
  if (body_secret) {
    return check_secret(client, *body_secret, ClientAuthMethod::SecretPost, now_ms);
  }
  if (model::is_confidential(client->app.type)) {
    return invalid_client("client authentication is required");
  }
  return AuthenticatedClient{client, ClientAuthMethod::None, {}};
}

std::optional<std::string> claimed_client_id(const http::Request& request,
                                             const http::Params& body) {
  std::string_view authorization = request.header(http::bhttp::field::authorization);
  if (!authorization.empty()) {
    auto creds = parse_basic(authorization);
    if (!creds) return std::nullopt;
    return std::move(creds->id);
  }
  auto id = body.get("client_id");
  if (!id || id->empty()) return assertion_subject(body);
  return std::string(*id);
}

bool has_client_assertion(const http::Params& body) {
  return body.get("client_assertion").has_value() || body.get("client_assertion_type").has_value();
}

}  // namespace latch::oidc
