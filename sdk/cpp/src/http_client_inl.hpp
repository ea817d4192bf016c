#pragma once

// The template definitions of http_client.hpp; include that header, not this one.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace latch::detail {

// A private io_context per call: the caller's thread runs the coroutine to completion, so a
// blocking SDK call never needs (or disturbs) an executor of the application.
template <class T>
T run_blocking(std::function<boost::asio::awaitable<T>()> make) {
  boost::asio::io_context ctx;
  std::exception_ptr error;
  if constexpr (std::is_void_v<T>) {
    boost::asio::co_spawn(ctx, make(), [&](std::exception_ptr e) { error = e; });
    ctx.run();
    if (error) {
      std::rethrow_exception(error);
    }
  } else {
    std::optional<T> result;
    boost::asio::co_spawn(ctx, make(), [&](std::exception_ptr e, T value) {
      error = e;
      if (!e) {
        result.emplace(std::move(value));
      }
    });
    ctx.run();
    if (error) {
      std::rethrow_exception(error);
    }
    return std::move(*result);
  }
}

}  // namespace latch::detail
