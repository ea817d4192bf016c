#pragma once

// The cases of DPoP's htu comparison (RFC 9449 §4.3 item 9, RFC 3986 §6.2.2-6.2.3): the server
// (oidc::normalized_htu) and the C++ SDK (detail::normalized_url) each keep their own copy of the
// normalisation, since the SDK links nothing of the server; both unit tests run this one table,
// so the two cannot drift apart. Includes nothing from src/ (the SDK tests include it too).

#include <array>
#include <optional>
#include <string_view>

namespace latch::test_support {

struct HtuCase {
  std::string_view url;
  std::optional<std::string_view> normalized;  // nullopt: not an absolute http(s) URL
};

inline constexpr std::array kHtuCases{
    HtuCase{"https://id.example.test/oidc/token", "https://id.example.test/oidc/token"},
    HtuCase{"HTTPS://ID.Example.TEST/oidc/token", "https://id.example.test/oidc/token"},
    HtuCase{"https://id.example.test:443/oidc/token", "https://id.example.test/oidc/token"},
    HtuCase{"http://id.example.test:80/oidc/token", "http://id.example.test/oidc/token"},
    HtuCase{"https://id.example.test:80/oidc/token", "https://id.example.test:80/oidc/token"},
    HtuCase{"http://127.0.0.1:3001/oidc/me", "http://127.0.0.1:3001/oidc/me"},
    HtuCase{"http://api.test:8080", "http://api.test:8080/"},
    HtuCase{"https://api.test", "https://api.test/"},
    HtuCase{"https://api.test:/a", "https://api.test/a"},
    HtuCase{"https://api.test/a?q=1#f", "https://api.test/a"},
    HtuCase{"https://api.test/A/b", "https://api.test/A/b"},
    HtuCase{"https://[::1]:8443/x", "https://[::1]:8443/x"},
    HtuCase{"/relative", std::nullopt},
    HtuCase{"ftp://api.test/a", std::nullopt},
    HtuCase{"mailto:someone@api.test", std::nullopt},
    HtuCase{"https:no-authority", std::nullopt},
    HtuCase{"not a url", std::nullopt},
    HtuCase{"", std::nullopt},
};

}  // namespace latch::test_support
