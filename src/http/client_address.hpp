#pragma once

#include <array>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/fields.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

// Who the client is when Latch sits behind proxies: the trusted proxies' networks, the header
// they write the client's address into, and the address limits are keyed by.
namespace latch::http {

// Addresses and networks (CIDR) of proxies whose forwarding headers are believed, IPv4 and IPv6.
// Immutable once parsed; safe to read from any thread.
class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Parses entries such as "10.0.0.0/8", "192.0.2.7", "2001:db8::/32" or "::1" (a bare address
  // is a network of one). InvalidRequest naming the first entry that is neither.
  [[nodiscard]] static Result<TrustedProxies> parse(const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  bool contains(const boost::asio::ip::address& address) const;
  // False for text that is not an address.
  bool contains(std::string_view address) const;

 private:
  struct Network {
    std::array<unsigned char, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    unsigned prefix = 0;                    // leading bits that must match, 0..128
  };
  std::vector<Network> networks_;
};

// Which header the trusted proxies write the client's address into. Only that one is read: a
// header the proxy passes through untouched is whatever the client put there.
enum class ForwardedHeader {
  XForwardedFor,  // X-Forwarded-For: 203.0.113.7, 10.0.0.2 (HAProxy `option forwardfor`, nginx)
  Forwarded,      // RFC 7239: Forwarded: for=203.0.113.7;proto=https, for="[2001:db8::1]:443"
};

struct ClientAddressPolicy {
  TrustedProxies trusted;
  ForwardedHeader header = ForwardedHeader::XForwardedFor;
};

// The address of the client behind `peer`, the socket's remote address. `peer` itself unless it
// is a trusted proxy; then the policy's header, every field of it in order, is walked from the
// right (RFC 7239 §5.2: each proxy appends the address it received from): trusted hops are
// skipped and the first untrusted address is the client (the leftmost one when every hop is
// trusted). A header that is absent or malformed, or whose walk meets a hop that is not an
// address ("unknown", an obfuscated identifier), gives `peer`: a bad header never fails the
// request. Addresses come back in their canonical text (IPv4-mapped IPv6 as IPv4, no port).
std::string client_address(const ClientAddressPolicy& policy, std::string_view peer,
                           const boost::beast::http::fields& headers);

// The canonical text of `address`: IPv4-mapped IPv6 addresses as IPv4.
std::string canonical_address(const boost::asio::ip::address& address);

// What limits count per client address: the address itself for IPv4, its /64 network for IPv6
// ("2001:db8:1:2::/64"), since one IPv6 host usually holds a whole /64. Text that is not an
// address is its own key.
std::string address_key(std::string_view address);

}  // namespace latch::http
