#include "experience/layout.hpp"

#include "http/html.hpp"

namespace latch::experience {

using http::html_escape;

http::Response page_response(http::bhttp::status status, std::string_view title,
                             const std::string& body_html) {
  std::string html;
  html.reserve(body_html.size() + 1024);
  html += "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  html += "<title>" + html_escape(title) + "</title>";
  html += "<link rel=\"stylesheet\" href=\"/static/latch.css\"></head><body><main class=\"card\">";
  html += "<h1>" + html_escape(title) + "</h1>";
  html += body_html;
  html += "</main></body></html>";
  http::Response res = http::html_response(status, std::move(html));
  res.set("Content-Security-Policy",
          "default-src 'none'; style-src 'self'; img-src 'self' data: https:; "
          "frame-ancestors 'none'; base-uri 'none'");
  http::set_no_store(res);
  return res;
}

http::Response message_page(http::bhttp::status status, std::string_view title,
                            std::string_view message) {
  return page_response(status, title, "<p>" + html_escape(message) + "</p>");
}

std::string field(std::string_view name, std::string_view label, std::string_view type,
                  std::string_view value, std::string_view attrs) {
  std::string id = "f-" + std::string(name);
  return "<label for=\"" + id + "\">" + html_escape(label) + "</label><input id=\"" + id +
         "\" name=\"" + std::string(name) + "\" type=\"" + std::string(type) + "\" value=\"" +
         html_escape(value) + "\" " + std::string(attrs) + ">";
}

std::string_view stylesheet() {
  return R"css(
:root { --brand: #5d34f2; --text: #1f1f29; --muted: #5c5c70; --error: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", sans-serif;
  color: var(--text); background: #f4f4f8; }
.card { width: 100%; max-width: 420px; margin: 16px; padding: 32px; background: #fff;
  border-radius: 16px; box-shadow: 0 4px 24px rgba(0,0,0,.08); }
h1 { font-size: 1.5rem; margin: 0 0 24px; }
label { display: block; margin: 16px 0 6px; font-weight: 600; }
input[type=text], input[type=password], input[type=email] { width: 100%; padding: 12px;
  font: inherit; border: 1px solid #c4c4d0; border-radius: 8px; }
input:focus, button:focus, a:focus { outline: 3px solid var(--brand); outline-offset: 2px; }
button { width: 100%; margin-top: 24px; padding: 12px; font: inherit; font-weight: 600;
  color: #fff; background: var(--brand); border: 0; border-radius: 8px; cursor: pointer; }
button.secondary { color: var(--text); background: #e8e8ef; margin-top: 12px; }
.error { color: var(--error); background: #fdecea; padding: 12px; border-radius: 8px; }
.muted { color: var(--muted); }
a { color: var(--brand); }
ul.scopes { padding-left: 20px; }
@media (prefers-color-scheme: dark) {
  body { background: #14141c; color: #f0f0f5; } .card { background: #1f1f2b; }
  input[type=text], input[type=password], input[type=email] { background: #14141c; color: #f0f0f5;
    border-color: #4a4a5e; } .muted { color: #b0b0c0; } }
)css";
}

}  // namespace latch::experience
