#include <boost/url/parse.hpp>

#include "model/application.hpp"

namespace latch::model {

// OIDC Back-Channel Logout 1.0 §2.2: "The domain, port, and scheme of this URL MUST be the same as
// that of a registered Redirection URI value" is left to the operator; Latch checks the shape: an
// absolute http(s) URL with a host, no fragment (§2.2 forbids one), at most 2048 bytes.
Result<void> check_backchannel_logout_uri(std::string_view uri) {
  if (uri.empty()) return ok();
  auto url = boost::urls::parse_absolute_uri(uri);
  bool web = url && (url->scheme() == "https" || url->scheme() == "http") && !url->host().empty() &&
             uri.size() <= 2048;
  if (!web || url->has_fragment()) {
    return with_field(make_error(Errc::InvalidRequest,
                                 "backchannelLogoutUri must be an absolute http(s) URL without a "
                                 "fragment"),
                      "oidcClientMetadata.backchannelLogoutUri");
  }
  return ok();
}

}  // namespace latch::model
