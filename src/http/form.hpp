#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/request.hpp"

namespace latch::http {

// The one place Latch encodes and decodes URL components and form bodies: what it reads from
// requests and providers, and what it writes into redirects, provider URLs and outbound forms.
// Thread-safe (no state).

// Percent-decodes `text`; with `plus_as_space`, '+' becomes ' ' (form encoding). nullopt on a
// malformed escape, a decoded NUL byte or a result that is not UTF-8.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);

// Percent-encodes every byte but the unreserved characters (ALPHA DIGIT - . _ ~, RFC 3986 §2.3)
// as %XX in upper-case hex (§2.1); UTF-8 text is encoded byte by byte. The result is safe in any
// URI component and in a form body. A space becomes %20, never '+': every form decoder reads
// %20 as a space, while a '+' in a query that is not read as a form would stay a '+'.
std::string percent_encode(std::string_view text);

// Parses application/x-www-form-urlencoded (also query strings). InvalidRequest on a malformed
// escape, a NUL byte, or a name or value that is not UTF-8.
[[nodiscard]] Result<Params> parse_form(std::string_view body);

// Encodes pairs in order as application/x-www-form-urlencoded: name=value joined by '&', each
// name and value percent_encode()d. Repeated names stay repeated; an empty value keeps its '='.
std::string encode_form(const Params& params);

// `uri` with `params` encode_form()ed into its query (RFC 3986 §3.4): after the query it has
// and a '&' (none after a query that is empty or ends in '&'), else after a new '?'; always
// before the fragment (§3.5), which stays as it is. `uri` itself is not re-encoded or checked:
// callers pass URIs they have validated (a registered redirect URI, a connector's endpoint).
// Empty `params` return `uri` unchanged.
std::string with_query(std::string_view uri, const Params& params);

}  // namespace latch::http
