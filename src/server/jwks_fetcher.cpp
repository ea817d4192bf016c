#include "server/jwks_fetcher.hpp"

#include "connectors/http/outbound.hpp"

namespace latch::server {

Result<std::string> OutboundJwksFetcher::fetch(const std::string& url) const {
  connectors::OutboundRequest request{.url = url,
                                      .headers = {{"Accept", "application/json"}},
                                      .timeout = timeout_,
                                      .max_body = 256 * 1024};
  auto response = connectors::send_request(request);
  if (!response) return response.error();
  if (response->status != 200) {
    return make_error(Errc::Unavailable,
                      "the JWKS URI answered " + std::to_string(response->status));
  }
  return std::move(response->body);
}

}  // namespace latch::server
