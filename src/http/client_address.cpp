#include "http/client_address.hpp"

#include <charconv>
#include <optional>

namespace latch::http {
namespace {

namespace ip = boost::asio::ip;
using Bytes = std::array<unsigned char, 16>;

bool is_port_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '.' || c == '-';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// An address without port, brackets or zone ("%eth0").
std::optional<ip::address> parse_address(std::string_view text) {
  if (text.empty() || text.find('%') != std::string_view::npos) return std::nullopt;
  boost::system::error_code ec;
  ip::address address = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return address;
}

Bytes bytes_of(const ip::address& address) {
  if (address.is_v4()) return ip::make_address_v6(ip::v4_mapped, address.to_v4()).to_bytes();
  return address.to_v6().to_bytes();
}

bool prefix_matches(const Bytes& a, const Bytes& b, unsigned prefix) {
  for (unsigned i = 0; i < prefix / 8; ++i) {
    if (a[i] != b[i]) return false;
  }
  unsigned rest = prefix % 8;
  if (rest == 0) return true;
  auto mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (a[prefix / 8] & mask) == (b[prefix / 8] & mask);
}

// A node as proxies write it (RFC 7239 §6, and X-Forwarded-For's looser habits): "192.0.2.7",
// "192.0.2.7:8080", "[2001:db8::1]", "[2001:db8::1]:443", or a bare "2001:db8::1" where
// `bare_ipv6` allows it (X-Forwarded-For; RFC 7239 brackets every IPv6 address). nullopt for
// "unknown", obfuscated identifiers ("_hidden") and anything else.
std::optional<ip::address> parse_node(std::string_view node, bool bare_ipv6) {
  std::string_view port;
  std::string_view host = node;
  if (!node.empty() && node.front() == '[') {
    std::size_t close = node.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = node.substr(1, close - 1);
    std::string_view after = node.substr(close + 1);
    if (!after.empty() && (after.front() != ':' || after.size() == 1)) return std::nullopt;
    port = after.empty() ? after : after.substr(1);
    auto address = parse_address(host);
    if (!address || !address->is_v6()) return std::nullopt;
  } else if (std::size_t colon = node.find(':');
             colon != std::string_view::npos &&
             node.find(':', colon + 1) == std::string_view::npos) {
    host = node.substr(0, colon);  // IPv4 with a port: exactly one colon
    port = node.substr(colon + 1);
    if (port.empty()) return std::nullopt;
  }
  for (char c : port) {
    if (!is_port_char(c)) return std::nullopt;
  }
  auto address = parse_address(host);
  bool bracketed = !node.empty() && node.front() == '[';
  if (address && address->is_v6() && !bracketed && !bare_ipv6) return std::nullopt;
  return address;
}

// RFC 9110 §5.6.4 quoted-string without its quotes and escapes; nullopt when malformed.
std::optional<std::string> unquote(std::string_view value) {
  if (value.empty() || value.front() != '"') return std::string(value);
  if (value.size() < 2 || value.back() != '"') return std::nullopt;
  std::string out;
  for (std::size_t i = 1; i + 1 < value.size(); ++i) {
    if (value[i] == '\\') {
      if (++i + 1 >= value.size()) return std::nullopt;
    } else if (value[i] == '"') {
      return std::nullopt;
    }
    out.push_back(value[i]);
  }
  return out;
}

// Splits `text` at `separator`s outside quoted strings; nullopt when a quote is left open.
std::optional<std::vector<std::string_view>> split_outside_quotes(std::string_view text,
                                                                  char separator) {
  std::vector<std::string_view> parts;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (quoted && text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && text[i] == separator) {
      parts.push_back(trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (quoted) return std::nullopt;
  parts.push_back(trim(text.substr(start)));
  return parts;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// The node of one forwarded-element's single "for" parameter (RFC 7239 §4).
std::optional<ip::address> forwarded_for(std::string_view element) {
  auto pairs = split_outside_quotes(element, ';');
  if (!pairs) return std::nullopt;
  std::optional<ip::address> found;
  int seen = 0;
  for (std::string_view pair : *pairs) {
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || !iequals(trim(pair.substr(0, eq)), "for")) continue;
    auto value = unquote(trim(pair.substr(eq + 1)));
    if (!value || ++seen > 1) return std::nullopt;
    found = parse_node(*value, false);
  }
  return found;
}

// One header field's list of hops, left to right. An element is nullopt when it is not an
// address; the whole list is nullopt when the field cannot be split into elements.
using Hops = std::vector<std::optional<ip::address>>;

std::optional<Hops> hops_of(ForwardedHeader header, std::string_view field) {
  auto elements = split_outside_quotes(field, ',');
  if (!elements) return std::nullopt;
  Hops hops;
  for (std::string_view element : *elements) {
    if (element.empty()) continue;  // RFC 9110 §5.6.1: empty list elements do not count
    hops.push_back(header == ForwardedHeader::Forwarded ? forwarded_for(element)
                                                        : parse_node(element, true));
  }
  return hops;
}

// Every field of the header, in order.
std::vector<std::string_view> fields_of(const boost::beast::http::fields& headers,
                                        ForwardedHeader header) {
  std::string_view name =
      header == ForwardedHeader::Forwarded ? std::string_view("Forwarded") : "X-Forwarded-For";
  std::vector<std::string_view> out;
  auto range = headers.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.emplace_back(it->value());
  return out;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const std::string& entry : entries) {
    std::string_view text = trim(entry);
    std::size_t slash = text.find('/');
    auto address = parse_address(text.substr(0, slash));
    unsigned bits = address && address->is_v4() ? 32 : 128;
    unsigned prefix = bits;
    if (address && slash != std::string_view::npos) {
      std::string_view digits = text.substr(slash + 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
        prefix = bits + 1;
      }
    }
    if (!address || prefix > bits) {
      return make_error(Errc::InvalidRequest,
                        "trusted_proxies: '" + entry + "' is not an IP address or CIDR network");
    }
    out.networks_.push_back({bytes_of(*address), prefix + 128 - bits});
  }
  return out;
}

bool TrustedProxies::contains(const ip::address& address) const {
  Bytes bytes = bytes_of(address);
  for (const Network& network : networks_) {
    if (prefix_matches(bytes, network.bytes, network.prefix)) return true;
  }
  return false;
}

bool TrustedProxies::contains(std::string_view address) const {
  auto parsed = parse_address(address);
  return parsed && contains(*parsed);
}

std::string canonical_address(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

std::string client_address(const ClientAddressPolicy& policy, std::string_view peer,
                           const boost::beast::http::fields& headers) {
  if (policy.trusted.empty() || !policy.trusted.contains(peer)) return std::string(peer);
  std::vector<std::string_view> fields = fields_of(headers, policy.header);
  std::optional<ip::address> leftmost;
  // Right to left, field by field: what lies left of the client is the client's own text and
  // is never parsed, so garbage there cannot change the answer.
  for (auto field = fields.rbegin(); field != fields.rend(); ++field) {
    auto hops = hops_of(policy.header, *field);
    if (!hops) return std::string(peer);
    for (auto hop = hops->rbegin(); hop != hops->rend(); ++hop) {
      if (!*hop) return std::string(peer);
      if (!policy.trusted.contains(**hop)) return canonical_address(**hop);
      leftmost = *hop;
    }
  }
  return leftmost ? canonical_address(*leftmost) : std::string(peer);
}

std::string address_key(std::string_view address) {
  auto parsed = parse_address(address);
  if (!parsed) return std::string(address);
  if (parsed->is_v4() || parsed->to_v6().is_v4_mapped()) return canonical_address(*parsed);
  Bytes bytes = parsed->to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return ip::make_address_v6(bytes).to_string() + "/64";
}

}  // namespace latch::http
