#pragma once

#include <boost/json/array.hpp>
#include <optional>
#include <string>
#include <vector>

#include "management/role_service.hpp"
#include "management_api/api_kit.hpp"

// What the organization route files share (organizations_routes.cpp, organization_*_routes.cpp).
namespace latch::management_api::organization_kit {

// The call's path parameter as a string.
inline std::string param(const Call& c, std::string_view name) {
  return std::string(c.param(name));
}

// Logto's `q` search.
inline std::string search_of(const Call& c) { return std::string(c.request.query.value("q")); }

// `code` with no body, or the error.
inline Result<http::Response> done(Result<void> result, http::bhttp::status code) {
  if (!result) return result.error();
  return http::empty_response(code);
}

// Logto's optional pagination: a page when page or page_size is given, else everything.
inline Result<std::optional<storage::Page>> optional_page(const Call& c) {
  if (!c.request.query.get("page") && !c.request.query.get("page_size")) {
    return std::optional<storage::Page>();
  }
  auto page = page_of(c.request);
  if (!page) return page.error();
  return std::optional<storage::Page>(*page);
}

// A JSON array of `listed` with Total-Number.
template <class T, class ToJson>
Result<http::Response> listing(Result<management::Listing<T>> listed, ToJson to_json) {
  if (!listed) return listed.error();
  boost::json::array items;
  for (const auto& item : listed->items) items.push_back(to_json(item));
  return page_response(std::move(items), listed->total);
}

// A JSON array of `items`, 200.
template <class T, class ToJson>
Result<http::Response> array_of(Result<std::vector<T>> items, ToJson to_json) {
  if (!items) return items.error();
  boost::json::array out;
  for (const auto& item : *items) out.push_back(to_json(item));
  http::Response res = http::json_response(http::bhttp::status::ok, out);
  http::set_no_store(res);
  return res;
}

// `value` as JSON with `code`.
template <class T, class ToJson>
Result<http::Response> one(Result<T> value, http::bhttp::status code, ToJson to_json) {
  if (!value) return value.error();
  return http::json_response(code, to_json(*value));
}

// A member `key` of `body` that is an array of ids (each non-empty); nullopt when absent.
Result<std::optional<std::vector<std::string>>> ids_field(const boost::json::object& body,
                                                          std::string_view key, bool nonempty);

}  // namespace latch::management_api::organization_kit
