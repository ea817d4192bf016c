#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string_view>

// The request and response schemas of the documented routes that have them (OpenAPI 3.0 Schema
// Objects), for openapi_document.
namespace latch::management_api {

struct OperationSchema {
  std::string_view request;   // the body's schema (see schema_of); "" when there is no body
  int status = 200;           // the success status
  std::string_view response;  // the success body's schema; "" when it has none
  std::string_view errors;    // the error statuses it answers with, "404 422"
};

// The schemas of `method` (lower case) `path` (/api/roles/:id), if known.
std::optional<OperationSchema> operation_schema(std::string_view method, std::string_view path);

// The Schema Object `spec` stands for: "Role" a $ref to components.schemas.Role, "[Role]" an
// array of them, "ids:userIds" the body {userIds: [one id at least]} ("ids0:" allows an empty
// array), and JSON text ("{...}") itself.
boost::json::value schema_of(std::string_view spec);

// components.schemas: the shapes the operation schemas name with $ref.
boost::json::object schema_components();

}  // namespace latch::management_api
