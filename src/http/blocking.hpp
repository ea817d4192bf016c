#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <type_traits>

namespace latch::http {

namespace asio = boost::asio;

// Runs `fn` (database work, password hashing) on `pool` and resumes the caller on its own
// executor with the result. The I/O thread stays free meanwhile. `fn` is taken by reference and
// must outlive the co_await (a lambda at the call site does).
template <class F>
asio::awaitable<std::invoke_result_t<F&>> run_blocking(asio::thread_pool& pool, F& fn) {
  using R = std::invoke_result_t<F&>;
  auto job = [&fn]() -> asio::awaitable<std::optional<R>> { co_return std::optional<R>(fn()); };
  std::optional<R> result = co_await asio::co_spawn(pool, job, asio::use_awaitable);
  co_return std::move(*result);
}

}  // namespace latch::http
