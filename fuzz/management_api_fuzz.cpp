// Management API request bodies (src/management_api/api_kit.*, connector configurations in
// src/connectors/social/registry.cpp). The bytes are a request body, parsed as
// ManagementApi::run parses it (parse_json, an object), then read by every typed reader with the
// member names the routes use, and offered as a connector `config` to every social connector
// factory. (The route lambdas that combine these readers are not reachable from here; see
// fuzz/README.md.)
//   - each reader accepts exactly the JSON types it documents and returns the value unchanged;
//   - each refusal renders, through error_response, as a 400 with a {code, message} body;
//   - a connector configuration that validates is validated again to itself;
//   - page/page_size, when accepted, lie in 1.. and 1..100.

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "connectors/social/social_connector.hpp"
#include "core/json.hpp"
#include "management_api/api_kit.hpp"
#include "model/application.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

namespace json = boost::json;

// The member names the routes read: applications, users, resources, connectors.
constexpr std::string_view kKeys[] = {"name",
                                      "description",
                                      "type",
                                      "oidcClientMetadata",
                                      "customClientMetadata",
                                      "isThirdParty",
                                      "redirectUris",
                                      "postLogoutRedirectUris",
                                      "corsAllowedOrigins",
                                      "username",
                                      "primaryEmail",
                                      "primaryPhone",
                                      "avatar",
                                      "password",
                                      "customData",
                                      "profile",
                                      "isSuspended",
                                      "indicator",
                                      "accessTokenTtl",
                                      "isDefault",
                                      "config",
                                      "syncProfile"};

// A refusal as the API answers it: 400 and {code, message}.
void check_refusal(const Error& error) {
  FUZZ_CHECK(error.code == Errc::InvalidRequest);
  const http::Response res = management_api::error_response(error);
  FUZZ_CHECK(res.result() == http::bhttp::status::bad_request);
  boost::system::error_code ec;
  const json::value body = json::parse(res.body(), ec);
  FUZZ_CHECK(!ec && body.is_object() && body.get_object().contains("code") &&
             body.get_object().contains("message"));
}

template <class T>
void check_reader(const Result<T>& read, bool type_fits) {
  FUZZ_CHECK(read.has_value() == type_fits);
  if (!read) {
    check_refusal(read.error());
  }
}

void check_readers(const json::object& body, std::string_view key) {
  const json::value* v = body.if_contains(key);
  const auto text = management_api::string_field(body, key);
  check_reader(text, !v || v->is_string());
  FUZZ_CHECK(!text || !*text || **text == v->get_string());
  check_reader(management_api::nullable_string(body, key), !v || v->is_string() || v->is_null());
  const auto flag = management_api::bool_field(body, key);
  check_reader(flag, !v || v->is_bool());
  FUZZ_CHECK(!flag || !*flag || **flag == v->get_bool());
  const auto strings = management_api::strings_field(body, key);
  check_reader(strings,
               !v || (v->is_array() &&
                      std::all_of(v->get_array().begin(), v->get_array().end(),
                                  [](const json::value& item) { return item.is_string(); })));
  FUZZ_CHECK(!strings || !*strings || (*strings)->size() == v->get_array().size());
  const auto object = management_api::object_field(body, key);
  check_reader(object, !v || v->is_object());
  FUZZ_CHECK(!object || !*object || **object == v->get_object());
  const bool alone = v != nullptr && body.size() == 1;
  check_reader(management_api::sole_string(body, key), alone && v->is_string());
  check_reader(management_api::sole_bool(body, key), alone && v->is_bool());
  check_reader(management_api::sole_object(body, key), alone && v->is_object());
}

void check_only_fields(const json::object& body) {
  const auto allowed =
      management_api::only_fields(body, {"name", "description", "type", "oidcClientMetadata",
                                         "customClientMetadata", "isThirdParty"});
  const bool known = std::all_of(body.begin(), body.end(), [](const json::key_value_pair& kv) {
    return kv.key() == "name" || kv.key() == "description" || kv.key() == "type" ||
           kv.key() == "oidcClientMetadata" || kv.key() == "customClientMetadata" ||
           kv.key() == "isThirdParty";
  });
  check_reader(allowed, known);
}

void check_connector_config(const json::object& body) {
  const auto config = management_api::object_field(body, "config");
  if (!config || !*config) {
    return;
  }
  for (const auto* factory : connectors::social_factories()) {
    const auto valid = factory->validate(**config);
    if (!valid) {
      check_refusal(valid.error());
      continue;
    }
    const auto again = factory->validate(*valid);
    FUZZ_CHECK(again && *again == *valid);
  }
}

void check_page(const json::object& body) {
  http::Request req;
  for (const char* name : {"page", "page_size"}) {
    if (const auto* v = body.if_contains(name); v && v->is_string()) {
      req.query.add(name, std::string(v->get_string()));
    }
  }
  const auto page = management_api::page_of(req);
  if (!page) {
    check_refusal(page.error());
    return;
  }
  FUZZ_CHECK(page->page >= 1 && page->page_size >= 1 && page->page_size <= 100);
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto value = latch::parse_json(latch::fuzz::as_text(data, size));
  if (!value || !value->is_object()) {
    return 0;
  }
  const auto& body = value->get_object();
  for (const std::string_view key : latch::fuzz::kKeys) {
    latch::fuzz::check_readers(body, key);
  }
  for (const auto& member : body) {
    latch::fuzz::check_readers(body, member.key());
  }
  latch::fuzz::check_only_fields(body);
  latch::fuzz::check_connector_config(body);
  latch::fuzz::check_page(body);
  if (const auto* type = body.if_contains("type"); type && type->is_string()) {
    static_cast<void>(latch::model::parse_app_type(type->get_string()));
  }
  return 0;
}
