#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>

#include "http/request.hpp"
#include "http/response.hpp"

namespace latch::http {

namespace asio = boost::asio;

// An endpoint: runs on the connection's I/O thread; must not block (see run_blocking).
using Handler = std::function<asio::awaitable<Response>(Request&)>;
// Wraps a handler: runs code before and after it, or answers on its own.
using Middleware = std::function<asio::awaitable<Response>(Request&, const Handler& next)>;

}  // namespace latch::http
