#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "http/server_worker.hpp"

namespace latch::http {
namespace {

using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::milliseconds kAcceptBackOff{100};
constexpr std::chrono::milliseconds kSweepEvery{250};

// accept() failures that mean "no descriptor left": retrying at once would fail the same way.
bool out_of_descriptors(const boost::system::error_code& ec) {
  namespace errc = boost::system::errc;
  return ec == errc::too_many_files_open || ec == errc::too_many_files_open_in_system ||
         ec == errc::no_buffer_space || ec == errc::not_enough_memory;
}

}  // namespace

std::optional<std::uint64_t> LogThrottle::allow() {
  auto now = SteadyClock::now().time_since_epoch();
  auto next = next_.load(std::memory_order_relaxed);
  if (now < next || !next_.compare_exchange_strong(next, now + period_)) {
    held_.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  return held_.exchange(0, std::memory_order_relaxed);
}

Result<unsigned short> Server::Worker::bind(const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) {
    int one = 1;
    ::setsockopt(acceptor_.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
    acceptor_.bind(endpoint, ec);
  }
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return make_error(Errc::Unavailable, "cannot listen on " + endpoint.address().to_string() +
                                             ":" + std::to_string(endpoint.port()) + ": " +
                                             ec.message());
  }
  return acceptor_.local_endpoint().port();
}

void Server::Worker::start() {
  asio::co_spawn(ctx_, accept_loop(), asio::detached);
  asio::co_spawn(ctx_, sweep_loop(), asio::detached);
}

asio::awaitable<void> Server::Worker::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
    if (!ec) {
      admit(std::move(socket));
    } else if (!acceptor_.is_open()) {
      co_return;
    } else if (out_of_descriptors(ec)) {
      co_await back_off(ec);
    }
  }
}

asio::awaitable<void> Server::Worker::back_off(const boost::system::error_code& ec) {
  if (auto held = server_.shared_->accept_failures.allow()) {
    spdlog::warn(
        "cannot accept connections: {} ({} open, {} failures since the last warning); "
        "retrying every {} ms",
        ec.message(), table().open(), *held, kAcceptBackOff.count());
  }
  back_off_.expires_after(kAcceptBackOff);
  co_await back_off_.async_wait(kTuple);
}

void Server::Worker::admit(tcp::socket socket) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return;
  std::string peer = canonical_address(endpoint.address());
  std::string key = address_key(peer);
  bool exempt = options().client_address.trusted.contains(endpoint.address());
  ConnectionTable::Refusal refusal = ConnectionTable::Refusal::None;
  auto ticket = table().admit(key, exempt, &refusal);
  if (!ticket) {
    log_refusal(refusal, key);
    return;
  }
  socket.set_option(tcp::no_delay(true), ec);
  asio::co_spawn(ctx_, serve(std::move(socket), std::move(peer), std::move(ticket)),
                 asio::detached);
}

void Server::Worker::log_refusal(ConnectionTable::Refusal refusal, const std::string& key) {
  auto held = server_.shared_->refusals.allow();
  if (!held) return;
  if (refusal == ConnectionTable::Refusal::PerAddress) {
    spdlog::warn(
        "refusing connections from {}: it has {} open (max_connections_per_ip); {} "
        "refused since the last warning",
        key, table().open_from(key), *held + 1);
  } else {
    spdlog::warn(
        "refusing connections: {} open (max_connections); {} refused since the last "
        "warning",
        table().open(), *held + 1);
  }
}

asio::awaitable<void> Server::Worker::sweep_loop() {
  while (!stopping()) {
    sweep_.expires_after(kSweepEvery);
    auto [ec] = co_await sweep_.async_wait(kTuple);
    if (ec || stopping()) co_return;
    if (!table().under_pressure()) continue;
    auto now = SteadyClock::now();
    for (auto& conn : connections_) {
      bool idle_too_long =
          conn.phase == Phase::Idle && now - conn.since > options().pressure_idle_timeout;
      bool header_too_slow =
          conn.phase == Phase::Header && now - conn.since > options().pressure_header_timeout;
      if (idle_too_long || header_too_slow) conn.stream->socket().cancel(ec);
    }
  }
}

void Server::Worker::begin_shutdown() {
  boost::system::error_code ec;
  acceptor_.close(ec);
  back_off_.cancel();
  sweep_.cancel();
  for (auto& conn : connections_) {
    if (conn.phase != Phase::Busy) conn.stream->socket().cancel(ec);
  }
  if (connections_.empty()) return;
  grace_.emplace(ctx_, options().shutdown_grace);
  grace_->async_wait([this](boost::system::error_code wait_ec) {
    if (!wait_ec) ctx_.stop();
  });
}

Server::Server(ServerOptions options, const Router& router)
    : options_(std::move(options)), router_(router) {
  if (options_.max_connections == 0) {
    options_.max_connections = connection_cap(raise_descriptor_limit(), 0);
  }
  shared_ = std::make_unique<Shared>(
      ConnectionCaps{options_.max_connections, options_.max_connections_per_address});
  unsigned n = options_.threads ? options_.threads : std::thread::hardware_concurrency();
  for (unsigned i = 0; i < std::max(1u, n); ++i) {
    workers_.push_back(std::make_unique<Worker>(*this));
  }
}

Server::~Server() {
  stop();
  for (auto& worker : workers_) {
    if (worker->thread_.joinable()) worker->thread_.join();
  }
}

Result<unsigned short> Server::listen() {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options_.address, ec);
  if (ec) {
    return make_error(Errc::InvalidRequest, "invalid listen address " + options_.address);
  }
  tcp::endpoint endpoint(address, options_.port);
  for (auto& worker : workers_) {
    auto port = worker->bind(endpoint);
    if (!port) return port.error();
    endpoint.port(*port);  // with port 0, every worker shares the first one's port
  }
  return endpoint.port();
}

void Server::run() {
  for (auto& worker : workers_) worker->start();
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    Worker* w = workers_[i].get();
    w->thread_ = std::thread([w] { w->ctx_.run(); });
  }
  workers_[0]->ctx_.run();
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    if (workers_[i]->thread_.joinable()) workers_[i]->thread_.join();
  }
}

void Server::stop() {
  if (stopping_.exchange(true)) return;
  for (auto& worker : workers_) {
    Worker* w = worker.get();
    asio::post(w->ctx_, [w] { w->begin_shutdown(); });
  }
}

}  // namespace latch::http
