#pragma once

// Internal to the saml module: building documents with libxml2's tree API, so every text and
// attribute value is escaped by the serializer and nothing is assembled as a string.

#include <string_view>

#include "saml/xml.hpp"

namespace latch::saml::detail {

// Makes `name` in `ns_uri` (declared with `prefix`) the root of the empty `doc`.
xmlNode* make_root(Document& doc, std::string_view ns_uri, std::string_view prefix,
                   std::string_view name);
// Declares `ns_uri` with `prefix` on `node`.
void declare_ns(xmlNode* node, std::string_view ns_uri, std::string_view prefix);
// Appends the element `name` in `ns_uri` (declared on `parent` or an ancestor) to `parent`,
// with `text` as its content when not empty.
xmlNode* add_child(xmlNode* parent, std::string_view ns_uri, std::string_view name,
                   std::string_view text = {});
// Sets the unqualified attribute `name` to `value`.
void set_attr(xmlNode* node, std::string_view name, std::string_view value);
// Sets the attribute `name` in `ns_uri` (declared on `node` or an ancestor) to `value`.
void set_ns_attr(xmlNode* node, std::string_view ns_uri, std::string_view name,
                 std::string_view value);

}  // namespace latch::saml::detail
