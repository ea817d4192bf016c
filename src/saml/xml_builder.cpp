#include "saml/xml_builder.hpp"

#include <cstdlib>
#include <string>

#include <spdlog/spdlog.h>

namespace latch::saml::detail {
namespace {

const xmlChar* x(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

xmlNs* find_ns(xmlNode* node, std::string_view ns_uri) {
  const std::string href(ns_uri);
  xmlNs* found = xmlSearchNsByHref(node->doc, node, x(href));
  if (!found) {
    // A builder that forgot a declaration: a programming error, caught by the unit tests.
    spdlog::critical("saml: namespace {} is not declared", ns_uri);
    std::abort();
  }
  return found;
}

}  // namespace

xmlNode* make_root(Document& doc, std::string_view ns_uri, std::string_view prefix,
                   std::string_view name) {
  xmlNode* root = xmlNewDocNode(doc.get(), nullptr, x(std::string(name)), nullptr);
  xmlDocSetRootElement(doc.get(), root);
  declare_ns(root, ns_uri, prefix);
  xmlSetNs(root, find_ns(root, ns_uri));
  return root;
}

void declare_ns(xmlNode* node, std::string_view ns_uri, std::string_view prefix) {
  xmlNewNs(node, x(std::string(ns_uri)), x(std::string(prefix)));
}

xmlNode* add_child(xmlNode* parent, std::string_view ns_uri, std::string_view name,
                   std::string_view text) {
  const std::string content(text);
  return xmlNewTextChild(parent, find_ns(parent, ns_uri), x(std::string(name)),
                         text.empty() ? nullptr : x(content));
}

void set_attr(xmlNode* node, std::string_view name, std::string_view value) {
  xmlSetProp(node, x(std::string(name)), x(std::string(value)));
}

void set_ns_attr(xmlNode* node, std::string_view ns_uri, std::string_view name,
                 std::string_view value) {
  xmlSetNsProp(node, find_ns(node, ns_uri), x(std::string(name)), x(std::string(value)));
}

}  // namespace latch::saml::detail
