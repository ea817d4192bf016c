#include "fakes/silent/silent_provider.hpp"

#include <boost/asio/post.hpp>
#include <future>

namespace latch::test {

namespace asio = boost::asio;
using asio::ip::tcp;

SilentProvider::SilentProvider()
    : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  port_ = acceptor_.local_endpoint().port();
  accept_next();
  thread_ = std::thread([this] { io_.run(); });
}

SilentProvider::~SilentProvider() {
  io_.stop();
  thread_.join();
}

void SilentProvider::accept_next() {
  acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) return;
    held_.push_back(std::move(socket));
    {
      std::lock_guard lock(mutex_);
      ++accepted_;
    }
    changed_.notify_all();
    accept_next();
  });
}

std::size_t SilentProvider::accepted() const {
  std::lock_guard lock(mutex_);
  return accepted_;
}

bool SilentProvider::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return accepted_ >= n; });
}

void SilentProvider::close_all() {
  std::promise<void> done;
  asio::post(io_, [&] {
    held_.clear();  // closes each socket
    done.set_value();
  });
  done.get_future().wait();
}

}  // namespace latch::test
