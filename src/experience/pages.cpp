#include "experience/pages.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/url/parse.hpp>

#include "http/cookies.hpp"
#include "http/form.hpp"
#include "oidc/provider.hpp"

namespace latch::experience {

std::optional<std::string> interaction_uid(const http::Request& req) {
  auto uid = req.cookie(oidc::kInteractionCookie);
  if (!uid || uid->empty()) return std::nullopt;
  return uid;
}

Result<http::Params> form_of(const http::Request& req) {
  if (req.media_type() != "application/x-www-form-urlencoded") {
    return make_error(Errc::InvalidRequest, "The form was sent in an unexpected format.");
  }
  return http::parse_form(req.body());
}

std::string resume_url(const std::string& uid) { return "/oidc/auth/" + uid; }

std::string resume_url(const std::string& uid, const http::Request& req,
                       const std::string& endpoint) {
  auto url = boost::urls::parse_absolute_uri(endpoint);
  std::string_view host = req.header(http::bhttp::field::host);
  bool at_endpoint =
      url && !host.empty() && boost::algorithm::iequals(url->encoded_host_and_port(), host);
  return at_endpoint ? endpoint + resume_url(uid) : resume_url(uid);
}

void set_trusted_device_cookie(http::Response& res, const Config& config, const Submitted& done) {
  if (done.trusted_device_token.empty()) return;
  http::CookieOptions options;
  options.secure = config.secure_cookies();
  options.max_age = std::chrono::seconds(std::int64_t{done.trusted_device_days} * 86400);
  res.insert(http::bhttp::field::set_cookie,
             http::set_cookie(kTrustedDeviceCookie, done.trusted_device_token, options));
}

}  // namespace latch::experience
