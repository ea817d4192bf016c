#pragma once

// Safe XML for SAML: an owning document over libxml2, parsed with no DTD, no network and no
// entity substitution, and namespace-aware lookups. Everything SAML reads goes through here.
//
// Threads: libxml2 and xmlsec are initialised once per process (init_xml(), called by every
// entry point here and in the other saml headers). A Document and the nodes in it belong to one
// thread at a time; different Documents may be used on different threads at once. Nothing else
// is shared: libxml2 keeps its error state per thread, and xmlsec's error callback (installed
// once) only drops messages.

#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace latch::saml {

// Namespaces SAML messages use (SAML core §1.2, metadata §1.2, XML-DSig §4, XML-Enc §3).
namespace ns {
inline constexpr std::string_view kProtocol = "urn:oasis:names:tc:SAML:2.0:protocol";
inline constexpr std::string_view kAssertion = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr std::string_view kMetadata = "urn:oasis:names:tc:SAML:2.0:metadata";
inline constexpr std::string_view kDsig = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr std::string_view kXmlenc = "http://www.w3.org/2001/04/xmlenc#";
inline constexpr std::string_view kXsi = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr std::string_view kXs = "http://www.w3.org/2001/XMLSchema";
}  // namespace ns

// Bounds on what parse() accepts. SAML messages are a few kilobytes; metadata with many
// certificates can reach tens.
struct ParseLimits {
  std::size_t max_bytes = 512 * 1024;
  int max_depth = 32;  // element nesting, the root being depth 1
};

// Initialises libxml2 and xmlsec (with its OpenSSL engine) once per process. Thread-safe and
// idempotent; a failure of either library to start is a logged abort.
void init_xml();

// An owning libxml2 document. Move-only. See the thread note at the top of this file.
class Document {
 public:
  // Parses `bytes` as a standalone XML document. Refused (InvalidRequest, key
  // keys::kMalformedXml unless said otherwise): input over limits.max_bytes (PayloadTooLarge,
  // keys::kTooLarge), any DOCTYPE (keys::kDoctype: no DTD means no XXE and no entity expansion),
  // malformed XML, nesting deeper than limits.max_depth, and two elements with the same `ID`
  // attribute (keys::kDuplicateId). Every unqualified `ID` attribute is registered as an XML ID,
  // so "#id" references resolve to exactly that element.
  [[nodiscard]] static Result<Document> parse(std::string_view bytes,
                                              const ParseLimits& limits = {});
  // An empty document to build into (see xml_builder.hpp).
  static Document create();

  xmlDoc* get() const { return doc_.get(); }
  // The root element; nullptr for an empty created document.
  xmlNode* root() const;
  // The document as UTF-8 XML with a declaration, unindented (indenting would break signatures).
  std::string serialize() const;

 private:
  struct Free {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
  };
  explicit Document(xmlDoc* doc) : doc_(doc) {}
  std::unique_ptr<xmlDoc, Free> doc_;
};

// True when `node` is an element named `name` in namespace `ns_uri`.
bool is_element(const xmlNode* node, std::string_view ns_uri, std::string_view name);
// The element children of `parent` named `name` in `ns_uri`, in document order.
std::vector<xmlNode*> children(const xmlNode* parent, std::string_view ns_uri,
                               std::string_view name);
// The first such child, or nullptr.
xmlNode* first_child(const xmlNode* parent, std::string_view ns_uri, std::string_view name);
// All element children of `parent`, whatever their names.
std::vector<xmlNode*> element_children(const xmlNode* parent);
// Every element named `name` in `ns_uri` in the subtree under and including `top`.
std::vector<xmlNode*> descendants(const xmlNode* top, std::string_view ns_uri,
                                  std::string_view name);
// The value of the unqualified attribute `name`, or nullopt when absent.
std::optional<std::string> attribute(const xmlNode* node, std::string_view name);
// The whole text content of `node` (all text descendants joined, so a comment inside a value
// cannot truncate it), trimmed of surrounding XML whitespace.
std::string text(const xmlNode* node);

}  // namespace latch::saml
