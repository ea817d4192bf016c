#include "oidc/response_mode.hpp"

#include "http/form.hpp"
#include "http/html.hpp"

namespace latch::oidc {
namespace {

// Form Post Response Mode §2: "an HTML form ... with the action set to the client's redirection
// URI and the method POST", each parameter a hidden input, submitted on load. The script comes
// from this origin (kFormPostScriptPath): the page's policy forbids inline script.
std::string form_post_page(const std::string& redirect_uri, const http::Params& params,
                           const FormPostWords& words) {
  using http::Element;
  Element form("form", {{"method", "post"}, {"action", redirect_uri}});
  for (const auto& [name, value] : params.items()) {
    form.add(http::VoidElement("input", {{"type", "hidden"}, {"name", name}, {"value", value}}));
  }
  form.add(Element("noscript")
               .add(Element("p").text(words.text))
               .add(Element("button", {{"type", "submit"}}).text(words.button)));
  Element body("body");
  body.add(form).add(Element("script", {{"src", kFormPostScriptPath}}));
  Element head("head");
  head.add(http::VoidElement("meta", {{"charset", "utf-8"}}))
      .add(Element("title").text(words.button));
  return http::Html::document(Element("html", {{"lang", words.lang}}).add(head).add(body)).str() +
         "\n";
}

}  // namespace

std::optional<ResponseMode> parse_response_mode(std::string_view text) {
  if (text.empty() || text == "query") return ResponseMode::Query;
  if (text == "form_post") return ResponseMode::FormPost;
  return std::nullopt;
}

std::string_view response_mode_name(ResponseMode mode) {
  switch (mode) {
    case ResponseMode::Query:
      return "query";
    case ResponseMode::FormPost:
      return "form_post";
  }
  return "query";
}

http::Response authorization_response(ResponseMode mode, const std::string& redirect_uri,
                                      const http::Params& params, const FormPostWords& words) {
  using http::bhttp::status;
  if (mode == ResponseMode::Query) {
    return http::redirect_response(http::with_query(redirect_uri, params));
  }
  http::Response res = http::text_response(status::ok, form_post_page(redirect_uri, params, words));
  res.set(http::bhttp::field::content_type, "text/html; charset=utf-8");
  // No form-action: the form goes to the client, another origin.
  res.set("Content-Security-Policy",
          "default-src 'none'; script-src 'self'; base-uri 'none'; frame-ancestors 'none'");
  res.set("Referrer-Policy", "no-referrer");
  http::set_no_store(res);
  return res;
}

}  // namespace latch::oidc
