// The Bookstore sample: the user's guide's Flask app, in C++ with the Latch SDK.
// Usage: LATCH_ENDPOINT=http://localhost:3001 LATCH_APP_ID=... LATCH_APP_SECRET=... bookstore
// Optional: PORT (3000), BOOKSTORE_BASE_URL (http://localhost:PORT), BOOKSTORE_API_RESOURCE,
// BOOKSTORE_COOKIE_KEY (64 hex digits; else a random key: visitors are signed out on restart).
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <exception>
#include <iostream>
#include <optional>

#include "bookstore_app.hpp"
#include "http_server.hpp"
#include "settings.hpp"

int main() {
  using namespace bookstore;
  auto loaded = settings_from_env();
  if (!loaded.settings) {
    std::cerr << "bookstore: " << loaded.error << "\n";
    return 2;
  }
  const Settings& settings = *loaded.settings;
  asio::io_context ctx(1);
  std::optional<HttpServer> server;
  BookstoreApp app(settings, [&server] { return server->port(); });
  try {
    // Loopback only (http://localhost:PORT); serve others through a TLS proxy in front.
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), settings.port);
    server.emplace(ctx, endpoint, [&app](const Request& req) { return app.handle(req); });
  } catch (const std::exception& e) {
    std::cerr << "bookstore: cannot listen on 127.0.0.1:" << settings.port << ": " << e.what()
              << "\n";
    return 1;
  }
  server->start();
  std::cout << "Bookstore listening on http://localhost:" << server->port() << "\n"
            << "  base URL: " << settings.base_url << " (redirect URI " << settings.redirect_uri()
            << ")\n"
            << "  Latch: " << settings.latch.endpoint << std::endl;

  // SIGINT/SIGTERM: stop accepting, let answers in flight finish (at most 5 s), then exit 0.
  asio::signal_set signals(ctx, SIGINT, SIGTERM);
  asio::steady_timer grace(ctx);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) {
      return;
    }
    std::cout << "Bookstore stopping" << std::endl;
    grace.expires_after(std::chrono::seconds(5));
    grace.async_wait([&ctx](const boost::system::error_code&) { ctx.stop(); });
    server->stop([&grace] { grace.cancel(); });
  });
  ctx.run();
  return 0;
}
