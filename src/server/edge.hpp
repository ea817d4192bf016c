#pragma once

#include "core/config.hpp"
#include "http/server.hpp"

// The edge's settings, made from the configuration (docs/security.md "Limits at the edge").
namespace latch::server {

// The HTTP server's options: listen address, threads, connection caps and timeouts, trusted
// proxies, HSTS (with an https:// endpoint). Raises the descriptor limit to resolve the
// connection cap. InvalidRequest when trusted_proxies has an entry that is not an address or
// network.
[[nodiscard]] Result<http::ServerOptions> server_options(const Config& config);

}  // namespace latch::server
