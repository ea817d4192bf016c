#include "saml/xml.hpp"

#include <xmlsec/xmlsec.h>  // first: the other xmlsec headers need its types

#include <libxml/parser.h>
#include <libxml/valid.h>
#include <spdlog/spdlog.h>
#include <xmlsec/errors.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>

#include <cstdlib>
#include <mutex>

#include "saml/keys.hpp"

namespace latch::saml {
namespace {

// xmlsec reports every failed check through this callback; the caller gets an Error instead.
void drop_xmlsec_error(const char*, int, const char*, const char*, const char*, int, const char*) {}

// SAX internalSubset: called for any <!DOCTYPE>, before its declarations are read.
void refuse_doctype(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
  xmlStopParser(static_cast<xmlParserCtxtPtr>(context));
}

std::string_view view(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

bool deeper_than(const xmlNode* node, int depth, int limit) {
  if (depth > limit) {
    return true;
  }
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && deeper_than(child, depth + 1, limit)) {
      return true;
    }
  }
  return false;
}

// Registers every unqualified ID attribute as an XML ID; false on a value already taken (by
// another ID attribute or an xml:id that libxml2 registered while parsing).
bool register_ids(xmlDoc* doc, xmlNode* node) {
  for (xmlAttr* attr = node->properties; attr; attr = attr->next) {
    if (attr->ns || view(attr->name) != "ID") {
      continue;
    }
    xmlChar* value = xmlNodeListGetString(doc, attr->children, 1);
    const bool added = value && !xmlGetID(doc, value) && xmlAddID(nullptr, doc, value, attr);
    xmlFree(value);
    if (!added) {
      return false;
    }
  }
  for (xmlNode* child = node->children; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && !register_ids(doc, child)) {
      return false;
    }
  }
  return true;
}

Error malformed(std::string detail) {
  return keyed_error(Errc::InvalidRequest, keys::kMalformedXml, std::move(detail));
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

void init_xml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    if (xmlSecInit() < 0 || xmlSecCheckVersion() != 1 || xmlSecOpenSSLAppInit(nullptr) < 0 ||
        xmlSecOpenSSLInit() < 0) {
      spdlog::critical("saml: xmlsec with the OpenSSL engine failed to start");
      std::abort();
    }
    xmlSecErrorsSetCallback(drop_xmlsec_error);
  });
}

Result<Document> Document::parse(std::string_view bytes, const ParseLimits& limits) {
  init_xml();
  if (bytes.size() > limits.max_bytes) {
    return keyed_error(Errc::PayloadTooLarge, keys::kTooLarge,
                       std::to_string(bytes.size()) + " bytes of XML");
  }
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> parser(xmlNewParserCtxt(),
                                                                      xmlFreeParserCtxt);
  if (!parser) {
    return make_error(Errc::Internal, "XML parser unavailable");
  }
  parser->sax->internalSubset = refuse_doctype;
  // No NOENT (entities stay unsubstituted), no DTDLOAD/DTDATTR/DTDVALID, no HUGE, no XInclude.
  constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  xmlDoc* raw = xmlCtxtReadMemory(parser.get(), bytes.data(), static_cast<int>(bytes.size()),
                                  nullptr, nullptr, kOptions);
  Document doc(raw);
  if (parser->errNo == XML_ERR_USER_STOP || (raw && (raw->intSubset || raw->extSubset))) {
    return keyed_error(Errc::InvalidRequest, keys::kDoctype, "a DOCTYPE is not accepted");
  }
  if (!raw || !doc.root()) {
    return malformed("not well-formed XML (libxml2 error " + std::to_string(parser->errNo) + ")");
  }
  if (deeper_than(doc.root(), 1, limits.max_depth)) {
    return malformed("nested deeper than " + std::to_string(limits.max_depth));
  }
  if (!register_ids(raw, doc.root())) {
    return keyed_error(Errc::InvalidRequest, keys::kDuplicateId, "two elements share an ID");
  }
  return doc;
}

Document Document::create() {
  init_xml();
  return Document(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
}

xmlNode* Document::root() const { return doc_ ? xmlDocGetRootElement(doc_.get()) : nullptr; }

std::string Document::serialize() const {
  xmlChar* buffer = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc_.get(), &buffer, &size, "UTF-8");
  std::string out(reinterpret_cast<const char*>(buffer),
                  buffer ? static_cast<std::size_t>(size) : 0);
  xmlFree(buffer);
  return out;
}

bool is_element(const xmlNode* node, std::string_view ns_uri, std::string_view name) {
  return node && node->type == XML_ELEMENT_NODE && view(node->name) == name && node->ns &&
         view(node->ns->href) == ns_uri;
}

std::vector<xmlNode*> children(const xmlNode* parent, std::string_view ns_uri,
                               std::string_view name) {
  std::vector<xmlNode*> out;
  for (xmlNode* child = parent ? parent->children : nullptr; child; child = child->next) {
    if (is_element(child, ns_uri, name)) {
      out.push_back(child);
    }
  }
  return out;
}

xmlNode* first_child(const xmlNode* parent, std::string_view ns_uri, std::string_view name) {
  for (xmlNode* child = parent ? parent->children : nullptr; child; child = child->next) {
    if (is_element(child, ns_uri, name)) {
      return child;
    }
  }
  return nullptr;
}

std::vector<xmlNode*> element_children(const xmlNode* parent) {
  std::vector<xmlNode*> out;
  for (xmlNode* child = parent ? parent->children : nullptr; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) {
      out.push_back(child);
    }
  }
  return out;
}

std::vector<xmlNode*> descendants(const xmlNode* top, std::string_view ns_uri,
                                  std::string_view name) {
  std::vector<xmlNode*> out;
  if (is_element(top, ns_uri, name)) {
    out.push_back(const_cast<xmlNode*>(top));
  }
  for (const xmlNode* child : element_children(top)) {
    for (xmlNode* found : descendants(child, ns_uri, name)) {
      out.push_back(found);
    }
  }
  return out;
}

std::optional<std::string> attribute(const xmlNode* node, std::string_view name) {
  const std::string key(name);
  xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(key.c_str()));
  if (!value) {
    return std::nullopt;
  }
  std::string out(view(value));
  xmlFree(value);
  return out;
}

std::string text(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string_view all = view(content);
  while (!all.empty() && is_xml_space(all.front())) {
    all.remove_prefix(1);
  }
  while (!all.empty() && is_xml_space(all.back())) {
    all.remove_suffix(1);
  }
  std::string out(all);
  xmlFree(content);
  return out;
}

}  // namespace latch::saml
