#include "client_oauth.hpp"

#include <openssl/evp.h>

#include <boost/json.hpp>

namespace latch::detail {
namespace {

namespace json = boost::json;

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// RFC 6749 §2.3.1: client_secret_basic form-encodes the id and secret before base64.
std::string basic_credentials(const Config& config) {
  std::string id = form_encode({{"x", config.app_id}}).substr(2);
  std::string secret = form_encode({{"x", config.app_secret}}).substr(2);
  return "Basic " + base64(id + ":" + secret);
}

HttpRequest client_post(std::string url, FormFields fields, const Config& config) {
  HttpRequest request{.method = "POST", .url = std::move(url), .headers = {}, .body = {}};
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("Accept", "application/json");
  if (config.app_secret.empty()) {
    fields.emplace_back("client_id", config.app_id);
  } else {
    request.headers.emplace_back("Authorization", basic_credentials(config));
  }
  request.body = form_encode(fields);
  return request;
}

std::optional<json::object> json_body(const HttpResponse& response) {
  boost::system::error_code ec;
  json::value value = json::parse(response.body, ec);
  if (ec || !value.is_object()) {
    return std::nullopt;
  }
  return std::move(value.as_object());
}

std::string text(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

TokenResponse to_token_response(const json::object& body) {
  TokenResponse out{text(body, "access_token"), text(body, "id_token"), text(body, "refresh_token"),
                    text(body, "scope"), 0};
  if (const json::value* expires = body.if_contains("expires_in");
      expires && expires->is_number()) {
    boost::system::error_code ec;
    out.expires_in = expires->to_number<std::int64_t>(ec);
  }
  if (out.access_token.empty()) {
    throw Error(Errc::unexpected_response, "the token endpoint sent no access token");
  }
  return out;
}

// RFC 9449 §8 (token endpoint: 400 with error use_dpop_nonce) and §9 (resource: 401 with a
// DPoP challenge naming use_dpop_nonce), either way with the nonce in DPoP-Nonce.
bool asks_for_nonce(const HttpResponse& response) {
  if (response.header("DPoP-Nonce").empty()) return false;
  if (response.status == 401) {
    return response.header("WWW-Authenticate").find("use_dpop_nonce") != std::string_view::npos;
  }
  auto body = json_body(response);
  return response.status == 400 && body && text(*body, "error") == "use_dpop_nonce";
}

}  // namespace

boost::asio::awaitable<HttpResponse> fetch_with_dpop(HttpRequest request, const Config& config,
                                                     std::string access_token) {
  if (!config.dpop_key) co_return co_await fetch(std::move(request), transport_of(config));
  HttpRequest first = request;
  first.headers.emplace_back("DPoP",
                             config.dpop_key->proof(request.method, request.url, access_token));
  HttpResponse response = co_await fetch(std::move(first), transport_of(config));
  if (!asks_for_nonce(response)) co_return response;
  std::string nonce(response.header("DPoP-Nonce"));
  request.headers.emplace_back(
      "DPoP", config.dpop_key->proof(request.method, request.url, access_token, nonce));
  co_return co_await fetch(std::move(request), transport_of(config));
}

TransportOptions transport_of(const Config& config) {
  return TransportOptions{.timeout = config.timeout, .ca_file = config.ca_file};
}

std::string oauth_error_detail(const HttpResponse& response) {
  auto body = json_body(response);
  if (!body || text(*body, "error").empty()) {
    return "HTTP " + std::to_string(response.status);
  }
  std::string detail = text(*body, "error");
  if (auto description = text(*body, "error_description"); !description.empty()) {
    detail += ": " + description;
  }
  return detail;
}

boost::asio::awaitable<TokenResponse> request_tokens(std::string token_endpoint, FormFields fields,
                                                     const Config& config, Errc refused) {
  return request_tokens(std::move(token_endpoint), std::move(fields), config,
                        RefusalCode([refused](std::string_view) { return refused; }));
}

boost::asio::awaitable<TokenResponse> request_tokens(std::string token_endpoint, FormFields fields,
                                                     const Config& config, RefusalCode refused) {
  HttpRequest request = client_post(std::move(token_endpoint), std::move(fields), config);
  HttpResponse response = co_await fetch_with_dpop(std::move(request), config);
  if (response.status != 200) {
    auto body = json_body(response);
    Errc code = refused(body ? text(*body, "error") : std::string());
    throw Error(code, "the token endpoint refused the request", oauth_error_detail(response));
  }
  auto body = json_body(response);
  if (!body) {
    throw Error(Errc::unexpected_response, "the token endpoint did not answer JSON");
  }
  co_return to_token_response(*body);
}

boost::asio::awaitable<void> revoke_refresh_token(std::string revocation_endpoint,
                                                  std::string refresh_token, const Config& config) {
  if (revocation_endpoint.empty()) {
    co_return;
  }
  FormFields fields{{"token", std::move(refresh_token)}, {"token_type_hint", "refresh_token"}};
  HttpRequest request = client_post(std::move(revocation_endpoint), std::move(fields), config);
  try {
    co_await fetch(std::move(request), transport_of(config));
  } catch (...) {  // RFC 7009 §2.2: the client cannot do more; the local sign-out still happens
  }
}

}  // namespace latch::detail
