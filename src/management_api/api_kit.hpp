#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "experience/i18n/i18n.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "management/webhook_payload.hpp"
#include "oidc/management_token.hpp"
#include "storage/store.hpp"

// The management API's conventions (Logto's): JSON in and out, {code, message} errors,
// page/page_size pagination with a Total-Number header, unknown fields refused.
namespace latch::management_api {

// One authorized call: the request, its JSON body (empty object when none), the caller and the
// route it matched (/api/users/:userId).
struct Call {
  const http::Request& request;
  boost::json::object body;
  oidc::ManagementCaller caller;
  std::string_view route;

  std::string_view param(std::string_view name) const { return request.param(name); }
};

using Handler = std::function<Result<http::Response>(const Call&)>;

// {code, message[, field]} with Logto's status for the error: code is the error's key, or
// Logto's code for its Errc when it has none; field is its Error::field. `vars` fill the numbers
// the message may name (experience::error_vars).
http::Response error_response(const Error& error, const experience::Vars& vars = {});

// The status error_response answers `error` with, and the code it names when the error has no
// key of its own.
struct ErrorStatus {
  http::bhttp::status status;
  std::string_view fallback_code;
};
ErrorStatus error_status(const Error& error);
// The `code` of error_response's body: the error's key, or the fallback of its kind.
std::string error_code(const Error& error);

// InvalidRequest "unknown field X" for a member of `body` outside `allowed`. `parent`: the path
// of `body` when it is a nested object ("customClientMetadata"), so errors name the whole path
// ("customClientMetadata.X"), as strings_field's do.
[[nodiscard]] Result<void> only_fields(const boost::json::object& body,
                                       std::initializer_list<std::string_view> allowed,
                                       std::string_view parent = {});

// Typed reads of optional members: nullopt when absent; InvalidRequest naming the field when
// the type is wrong. nullable_string: absent → nullopt, null → optional(nullopt).
[[nodiscard]] Result<std::optional<std::string>> string_field(const boost::json::object& body,
                                                              std::string_view key);
[[nodiscard]] Result<std::optional<std::optional<std::string>>> nullable_string(
    const boost::json::object& body, std::string_view key);
[[nodiscard]] Result<std::optional<bool>> bool_field(const boost::json::object& body,
                                                     std::string_view key);
[[nodiscard]] Result<std::optional<std::vector<std::string>>> strings_field(
    const boost::json::object& body, std::string_view key, std::string_view parent = {});
// A time in epoch milliseconds (Logto's expiresAt): absent or null → nullopt; InvalidRequest
// naming the field for anything but a finite number.
[[nodiscard]] Result<std::optional<std::int64_t>> epoch_millis_field(
    const boost::json::object& body, std::string_view key);
[[nodiscard]] Result<std::optional<boost::json::object>> object_field(
    const boost::json::object& body, std::string_view key);
// A JSON object member as text (a customData column); nullopt when absent.
[[nodiscard]] Result<std::optional<std::string>> object_text(const boost::json::object& body,
                                                             std::string_view key);

// A body that is exactly {key: value} of the type: the value. InvalidRequest naming the member
// when it is missing, mistyped, or has company.
[[nodiscard]] Result<std::string> sole_string(const boost::json::object& body,
                                              std::string_view key);
[[nodiscard]] Result<bool> sole_bool(const boost::json::object& body, std::string_view key);
[[nodiscard]] Result<boost::json::object> sole_object(const boost::json::object& body,
                                                      std::string_view key);
// A body that is exactly {key: [ids]}: the ids, each a non-empty string. With `nonempty`, an
// empty array is refused too (InvalidRequest naming the member).
[[nodiscard]] Result<std::vector<std::string>> sole_ids(const boost::json::object& body,
                                                        std::string_view key, bool nonempty);

// The request behind a change, for its webhook events (Logto's data hook context): the caller's
// address and user agent, the path, method, matched route and its parameters, and `status`, the
// status the handler answers with when the change succeeds.
management::HookOrigin hook_origin(const Call& call, int status);

// ?page=&page_size= (1-based; page_size 1..100, default 20). InvalidRequest
// "guard.invalid_pagination".
[[nodiscard]] Result<storage::Page> page_of(const http::Request& request);
// A JSON array answer with Total-Number.
http::Response page_response(boost::json::array items, std::int64_t total);

// What a paged list answers with beyond its items (Logto's koa-pagination): Total-Number, and
// Link entries (rel first, prev, next, last) naming `endpoint` + the request's path and query
// with another page. A `capped` total is a lower bound: Total-Number-Is-Capped: true, and no
// last or next link.
struct PageLinks {
  std::string_view endpoint;
  const http::Request& request;
  storage::Page page;
  std::int64_t total = 0;
  bool capped = false;
};
http::Response page_response(boost::json::array items, const PageLinks& links);

}  // namespace latch::management_api
