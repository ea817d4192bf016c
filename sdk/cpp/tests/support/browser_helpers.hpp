#pragma once

#include <map>
#include <string>
#include <string_view>

#include "support/mini_http.hpp"

// The page-reading parts of the test browser of Latch's hosted pages (HostedBrowser in
// client_browser.hpp): HTML entities, the first form of a page, a form's body and the Cookie
// header of a jar.
namespace latch::sdk_test {

bool is_redirect(unsigned status);

// `text` with &amp; &lt; &gt; &quot; &#39; &#x27; decoded.
std::string html_unescape(std::string_view text);

// From "<form" to "</form>" (or the end of `html`) of the first form; "" when there is none.
std::string_view first_form(std::string_view html);

// The body a form submits: its `inputs` not named in `fields`, in order, then `fields`.
Headers form_body(const Headers& inputs, const Headers& fields);

// "name=value; name=value" of the jar's cookies, or "" when it is empty.
std::string cookie_header(const std::map<std::string, std::string>& jar);

}  // namespace latch::sdk_test
