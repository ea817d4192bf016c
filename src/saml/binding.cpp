#include "saml/binding.hpp"

#include <zlib.h>

#include <cctype>

#include "crypto/encoding.hpp"
#include "http/html.hpp"
#include "saml/keys.hpp"
#include "saml/query.hpp"

namespace latch::saml {
namespace {

Error bad_encoding(std::string detail) {
  return keyed_error(Errc::InvalidRequest, keys::kBadEncoding, std::move(detail));
}

Error too_large(std::string detail) {
  return keyed_error(Errc::PayloadTooLarge, keys::kTooLarge, std::move(detail));
}

// Raw DEFLATE (RFC 1951, no zlib header), as §3.4.4.1 requires.
std::string deflate_raw(std::string_view data) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

Result<std::string> inflate_raw(std::string_view data, std::size_t limit) {
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) {
    return make_error(Errc::Internal, "zlib unavailable");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out(limit + 1, '\0');  // one byte over the limit tells "too large" from "exact"
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = inflate(&stream, Z_FINISH);
  const std::size_t produced = stream.total_out;
  inflateEnd(&stream);
  if (produced > limit) {
    return too_large("the inflated message exceeds " + std::to_string(limit) + " bytes");
  }
  if (status != Z_STREAM_END) {
    return bad_encoding("not raw DEFLATE data");
  }
  out.resize(produced);
  return out;
}

Result<std::string> decode_base64(std::string_view text, std::size_t limit) {
  if (text.size() > limit) {
    return too_large("the encoded message exceeds " + std::to_string(limit) + " bytes");
  }
  std::string compact;
  for (const char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      compact += c;
    }
  }
  auto bytes = crypto::base64_decode(compact);
  if (!bytes) {
    return bad_encoding("not base64");
  }
  return std::move(*bytes);
}

}  // namespace

std::string_view param_name(MessageParam param) {
  return param == MessageParam::Request ? "SAMLRequest" : "SAMLResponse";
}

std::string redirect_query(MessageParam param, std::string_view xml, std::string_view relay_state) {
  std::string query(param_name(param));
  query += '=' + detail::url_encode(crypto::base64_encode(deflate_raw(xml)));
  if (!relay_state.empty()) {
    query += "&RelayState=" + detail::url_encode(relay_state);
  }
  return query;
}

std::string redirect_url(std::string_view endpoint, std::string_view query) {
  std::string url(endpoint);
  url += endpoint.find('?') == std::string_view::npos ? '?' : '&';
  return url + std::string(query);
}

Result<RedirectMessage> decode_redirect(std::string_view raw_query, const DecodeLimits& limits) {
  if (raw_query.size() > limits.max_encoded) {
    return too_large("the query exceeds " + std::to_string(limits.max_encoded) + " bytes");
  }
  const auto params = detail::split_query(raw_query);
  if (!params) {
    return bad_encoding("a query parameter repeats");
  }
  const auto request = detail::find_param(*params, "SAMLRequest");
  const auto response = detail::find_param(*params, "SAMLResponse");
  if (request.has_value() == response.has_value()) {
    return bad_encoding("the query needs one SAMLRequest or SAMLResponse");
  }
  RedirectMessage message{.param = request ? MessageParam::Request : MessageParam::Response};
  // Base64 has no spaces, so a raw '+' in it is a '+' some sender left unescaped.
  const auto base64 = detail::url_decode(request ? *request : *response, false);
  if (!base64) {
    return bad_encoding("bad escape in the message");
  }
  auto deflated = decode_base64(*base64, limits.max_encoded);
  if (!deflated) {
    return deflated.error();
  }
  auto xml = inflate_raw(*deflated, limits.max_inflated);
  if (!xml) {
    return xml.error();
  }
  message.xml = std::move(*xml);
  if (const auto relay_state = detail::find_param(*params, "RelayState")) {
    message.relay_state = detail::url_decode(*relay_state, true);
    if (!message.relay_state) {
      return bad_encoding("bad escape in RelayState");
    }
  }
  message.is_signed = detail::find_param(*params, "Signature").has_value();
  return message;
}

std::string post_encode(std::string_view xml) { return crypto::base64_encode(xml); }

Result<std::string> post_decode(std::string_view value, const DecodeLimits& limits) {
  auto xml = decode_base64(value, limits.max_encoded);
  if (xml && xml->size() > limits.max_inflated) {
    return too_large("the message exceeds " + std::to_string(limits.max_inflated) + " bytes");
  }
  return xml;
}

std::vector<PostField> post_form_fields(const PostForm& form) {
  std::vector<PostField> fields{{std::string(param_name(form.param)), post_encode(form.xml)}};
  if (!form.relay_state.empty()) {
    fields.push_back({"RelayState", form.relay_state});
  }
  return fields;
}

std::string post_form_html(const PostForm& form) {
  using http::Element;
  using http::Html;
  Element post("form", {{"method", "post"}, {"action", form.action}});
  for (const PostField& field : post_form_fields(form)) {
    post.add(http::VoidElement("input",
                               {{"type", "hidden"}, {"name", field.name}, {"value", field.value}}));
  }
  const Html submit = Element("button", {{"type", "submit"}}).text("Continue");
  Element body("body");
  if (form.script_src.empty()) {
    body.add(post.add(submit));
  } else {
    post.add(
        Element("noscript")
            .add(Element("p").text("Your browser does not run scripts; press Continue to go on."))
            .add(submit));
    body.add(post).add(Element("script", {{"src", form.script_src}}));
  }
  const Html head = Element("head")
                        .add(http::VoidElement("meta", {{"charset", "utf-8"}}))
                        .add(Element("title").text("Continue"));
  return Html::document(Element("html").add(head).add(body)).str() + "\n";
}

}  // namespace latch::saml
