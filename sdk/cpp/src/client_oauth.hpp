#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http_client.hpp"
#include "latch/config.hpp"
#include "latch/error.hpp"

// The Client's back-channel requests to the token and revocation endpoints, authenticated as
// the app: client_secret_basic with an App Secret, else client_id in the body (public client).
namespace latch::detail {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// RFC 6749 §5.1.
struct TokenResponse {
  std::string access_token, id_token, refresh_token, scope;
  std::int64_t expires_in = 0;
};

// POSTs `fields` to `token_endpoint`. Throws Error(`refused`) with the server's
// "error: error_description" as detail when it does not answer 200 with an access token;
// Errc::network when it cannot be reached.
boost::asio::awaitable<TokenResponse> request_tokens(std::string token_endpoint, FormFields fields,
                                                     const Config& config, Errc refused);

// The code a refusal is thrown with, chosen from the server's OAuth `error` ("" without one).
using RefusalCode = std::function<Errc(std::string_view oauth_error)>;
// As above, with the code chosen by `refused`.
boost::asio::awaitable<TokenResponse> request_tokens(std::string token_endpoint, FormFields fields,
                                                     const Config& config, RefusalCode refused);

// RFC 7009: revokes `refresh_token`. Never throws: a failed revocation must not stop a sign-out.
boost::asio::awaitable<void> revoke_refresh_token(std::string revocation_endpoint,
                                                  std::string refresh_token, const Config& config);

TransportOptions transport_of(const Config& config);

// RFC 9449 §8: sends `request` with a DPoP proof made by `config.dpop_key` for `method` and
// `url` (and `access_token`'s ath when given), and once more with the server's nonce when it
// answers use_dpop_nonce with a DPoP-Nonce header. Without a key: sends `request` as it is.
boost::asio::awaitable<HttpResponse> fetch_with_dpop(HttpRequest request, const Config& config,
                                                     std::string access_token = {});

// The server's OAuth error body ({"error", "error_description"}) as "error: description", or
// "HTTP <status>" when the body is not one.
std::string oauth_error_detail(const HttpResponse& response);

}  // namespace latch::detail
