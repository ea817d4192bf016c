#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace latch::oidc {

// How the authorization response travels back to the client: in the query (RFC 6749 §4.1.2, the
// default for response_type=code), or as an HTML form the browser posts to the redirect URI
// (OAuth 2.0 Form Post Response Mode §2). Latch answers only response_type=code, which no
// fragment is needed for (OAuth 2.0 Multiple Response Type Encoding Practices §2.1 makes it the
// default of the implicit and hybrid types): fragment is not offered.
enum class ResponseMode { Query, FormPost };

// The mode a response_mode value names; "" is the default, query. nullopt for anything else.
std::optional<ResponseMode> parse_response_mode(std::string_view text);
std::string_view response_mode_name(ResponseMode mode);

// The path of the script that submits the form_post page (the page itself has no inline script,
// so its Content-Security-Policy allows only scripts of this origin).
inline constexpr std::string_view kFormPostScriptPath = "/oidc/form-post.js";
inline constexpr std::string_view kFormPostScript = "document.forms[0].submit();\n";

// What the form_post page says to a person whose browser runs no script, in their language
// (InteractionUi::form_post_words): a sentence, the button's label, and the page's lang.
struct FormPostWords {
  std::string lang = "en";
  std::string text = "Your browser does not run scripts; press Continue to go on.";
  std::string button = "Continue";
};

// The answer that carries `params` to `redirect_uri` in `mode`: a 303 for query; a 200 page with a
// form of hidden inputs (escaped by construction) that its script submits, or the user by hand
// without script (`words`), for form_post. Never cached.
http::Response authorization_response(ResponseMode mode, const std::string& redirect_uri,
                                      const http::Params& params, const FormPostWords& words = {});

}  // namespace latch::oidc
