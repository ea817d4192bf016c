#pragma once

// SAML bindings (SAML bindings §3.4 HTTP-Redirect, §3.5 HTTP-POST): how a SAML message travels
// in a URL or a form. Stateless functions; thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace latch::saml {

// Which parameter carries the message.
enum class MessageParam { Request, Response };  // SAMLRequest, SAMLResponse
std::string_view param_name(MessageParam param);

// Bounds on what the decoders accept.
struct DecodeLimits {
  std::size_t max_encoded = 256 * 1024;   // the base64 (and URL-encoded) text
  std::size_t max_inflated = 512 * 1024;  // the XML after DEFLATE is undone
};

// HTTP-Redirect (§3.4.4.1): "SAMLRequest=" + url(base64(raw DEFLATE(xml))), then
// "&RelayState=" + url(relay_state) when it is not empty. Sign it with sign_redirect_query().
std::string redirect_query(MessageParam param, std::string_view xml,
                           std::string_view relay_state = {});
// `endpoint` with `query` appended after '?' (or '&' when the endpoint has a query already).
std::string redirect_url(std::string_view endpoint, std::string_view query);

// A message received by HTTP-Redirect.
struct RedirectMessage {
  MessageParam param = MessageParam::Request;
  std::string xml;
  std::optional<std::string> relay_state;
  bool is_signed = false;  // a Signature parameter is present: verify_redirect_query() it
};

// Decodes a raw query string (as received, without '?'). InvalidRequest, keys::kBadEncoding:
// no or both of SAMLRequest/SAMLResponse, a repeated parameter, bad URL escapes, base64 or
// DEFLATE; PayloadTooLarge, keys::kTooLarge: over `limits` (the inflater stops at the limit, so
// a DEFLATE bomb costs no more than max_inflated bytes).
[[nodiscard]] Result<RedirectMessage> decode_redirect(std::string_view raw_query,
                                                      const DecodeLimits& limits = {});

// HTTP-POST (§3.5.4): the form field's value is base64(xml).
std::string post_encode(std::string_view xml);
// The XML from a form field's (already form-decoded) value; whitespace in the base64 is
// ignored. Errors as decode_redirect().
[[nodiscard]] Result<std::string> post_decode(std::string_view value,
                                              const DecodeLimits& limits = {});

// An HTTP-POST form that delivers `xml` to `action`.
struct PostForm {
  std::string action;  // the ACS URL (a Response) or the IdP's SSO URL (a request)
  MessageParam param = MessageParam::Response;
  std::string xml;
  std::string relay_state;  // sent when not empty
  // The URL of a static script serving kAutoSubmitScript (the hosted pages' CSP allows no
  // inline script); none: the page is a plain button.
  std::string script_src;
};

// One hidden field of the form.
struct PostField {
  std::string name;
  std::string value;
};
// The hidden fields: SAMLRequest/SAMLResponse = post_encode(xml), then RelayState when set. For
// a page built with the http module's Html instead of post_form_html().
std::vector<PostField> post_form_fields(const PostForm& form);

// A whole HTML page with the form and its hidden fields. With a script_src: a <noscript> note
// and submit button for browsers without script, and `<script src=script_src>` after the form,
// which submits it at once. Without: a plain visible Continue button. Every value is
// HTML-escaped.
std::string post_form_html(const PostForm& form);

// What the file at PostForm::script_src must contain: it submits the page's first form.
inline constexpr std::string_view kAutoSubmitScript = "document.forms[0].submit();\n";

}  // namespace latch::saml
