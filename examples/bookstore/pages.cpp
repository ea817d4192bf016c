#include "pages.hpp"

#include <boost/json/serialize.hpp>

namespace bookstore {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Response html_page(http::status status, std::string_view title, const std::string& body_html) {
  Response res{status, 11};
  res.set(http::field::content_type, "text/html; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  // Nothing on these pages runs script or loads from elsewhere.
  res.set("Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
          "frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.body() =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      escape_html(title) +
      "</title>"
      "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:48rem;"
      "padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
      "padding:.25rem .5rem;text-align:left;vertical-align:top}"
      "td,pre{font-family:ui-monospace,monospace;word-break:break-all}"
      "pre{white-space:pre-wrap}</style>"
      "</head><body><header><a href=\"/\">Bookstore</a></header><main>\n" +
      body_html + "\n</main></body></html>\n";
  return res;
}

Response redirect(std::string_view location) {
  Response res{http::status::found, 11};
  res.set(http::field::location, location);
  res.set(http::field::cache_control, "no-store");
  return res;
}

std::string claims_table(const boost::json::object& claims) {
  std::string html = "<table><tbody>";
  for (const auto& [name, value] : claims) {
    std::string shown =
        value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value);
    html += "<tr><th>" + escape_html(name) + "</th><td>" + escape_html(shown) + "</td></tr>";
  }
  return html + "</tbody></table>";
}

Response error_page(http::status status, std::string_view message) {
  return html_page(status, "Bookstore: error",
                   "<h1>Something went wrong</h1><p id=\"error\">" + escape_html(message) +
                       "</p><p><a href=\"/\">Back to the bookstore</a></p>");
}

}  // namespace bookstore
