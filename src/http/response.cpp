#include "http/response.hpp"

#include <boost/json/serialize.hpp>

namespace latch::http {
namespace {

Response with_body(bhttp::status status, std::string_view type, std::string body) {
  Response res{status, 11};
  res.set(bhttp::field::content_type, type);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

}  // namespace

Response json_response(bhttp::status status, const boost::json::value& body) {
  return with_body(status, "application/json; charset=utf-8", boost::json::serialize(body));
}

Response json_response(bhttp::status status, std::string body) {
  return with_body(status, "application/json; charset=utf-8", std::move(body));
}

Response text_response(bhttp::status status, std::string body) {
  return with_body(status, "text/plain; charset=utf-8", std::move(body));
}

Response html_response(bhttp::status status, const Html& document) {
  return with_body(status, "text/html; charset=utf-8", document.str());
}

Response empty_response(bhttp::status status) {
  Response res{status, 11};
  res.prepare_payload();
  return res;
}

Response redirect_response(std::string_view location, bhttp::status status) {
  Response res{status, 11};
  res.set(bhttp::field::location, location);
  res.set(bhttp::field::cache_control, "no-store");
  res.prepare_payload();
  return res;
}

void set_no_store(Response& response) {
  response.set(bhttp::field::cache_control, "no-store");
  response.set(bhttp::field::pragma, "no-cache");
}

}  // namespace latch::http
