#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/parse.hpp>
#include <chrono>

#include "http_client.hpp"
#include "latch/error.hpp"
#include "support/error_of.hpp"
#include "support/latch_server.hpp"

namespace latch::detail {
namespace {

using sdk_test::code_of;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace asio = boost::asio;

HttpResponse blocking_fetch(HttpRequest request, TransportOptions options = {}) {
  return run_blocking<HttpResponse>([&]() { return fetch(request, options); });
}

TEST(TransportTest, GetsTheDiscoveryDocument) {
  sdk_test::LatchServer server;
  std::string url = "http://127.0.0.1:" + std::to_string(server.port()) +
                    "/oidc/.well-known/openid-configuration";
  HttpResponse res = blocking_fetch({.url = url});
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_NE(res.header("content-type").find("application/json"), std::string_view::npos);
  EXPECT_EQ(boost::json::parse(res.body).at("issuer").as_string(), server.endpoint() + "/oidc");
}

TEST(TransportTest, AnHttpErrorStatusIsAResponse) {
  sdk_test::LatchServer server;
  std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/oidc/token";
  HttpResponse res =
      blocking_fetch({.method = "POST",
                      .url = url,
                      .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                      .body = form_encode({{"grant_type", "nope"}})});
  EXPECT_EQ(res.status, 400u);
}

TEST(TransportTest, AClosedPortIsANetworkErrorAtOnce) {
  asio::io_context ctx;
  asio::ip::tcp::acceptor acceptor(ctx, {asio::ip::make_address("127.0.0.1"), 0});
  auto port = acceptor.local_endpoint().port();
  acceptor.close();
  auto started = Clock::now();
  EXPECT_EQ(code_of([&] { blocking_fetch({.url = "http://127.0.0.1:" + std::to_string(port)}); }),
            Errc::network);
  EXPECT_LT(Clock::now() - started, 2s);
}

TEST(TransportTest, AServerThatNeverAnswersTimesOutWithinTheDeadline) {
  asio::io_context ctx;
  // Listening but never accepting: the kernel completes the handshake, nothing answers.
  asio::ip::tcp::acceptor acceptor(ctx, {asio::ip::make_address("127.0.0.1"), 0});
  auto port = acceptor.local_endpoint().port();
  auto started = Clock::now();
  try {
    blocking_fetch({.url = "http://127.0.0.1:" + std::to_string(port) + "/slow"},
                   {.timeout = 300ms});
    ADD_FAILURE() << "the fetch returned";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::network);
    EXPECT_NE(std::string(e.what()).find("timed out"), std::string::npos) << e.what();
  }
  auto took = Clock::now() - started;
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2s);
}

TEST(TransportTest, ANonHttpUrlIsAConfigError) {
  EXPECT_EQ(code_of([] { blocking_fetch({.url = "ftp://example.com/x"}); }), Errc::invalid_config);
  EXPECT_EQ(code_of([] { blocking_fetch({.url = "not a url"}); }), Errc::invalid_config);
}

TEST(TransportTest, HttpsToAPlainServerIsANetworkError) {
  sdk_test::LatchServer server;
  std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/readyz";
  EXPECT_EQ(code_of([&] { blocking_fetch({.url = url}, {.timeout = 3s}); }), Errc::network);
}

TEST(TransportTest, FormEncodeEscapesReservedCharacters) {
  EXPECT_EQ(form_encode({{"a", "b c"}, {"redirect_uri", "http://x/y?z=1&w"}}),
            "a=b+c&redirect_uri=http%3A%2F%2Fx%2Fy%3Fz%3D1%26w");
  EXPECT_EQ(form_encode({}), "");
}

TEST(TransportTest, RunBlockingReturnsValuesAndRethrows) {
  EXPECT_EQ(run_blocking<int>([]() -> asio::awaitable<int> { co_return 7; }), 7);
  EXPECT_NO_THROW(run_blocking<void>([]() -> asio::awaitable<void> { co_return; }));
  EXPECT_EQ(code_of([] {
              run_blocking<void>([]() -> asio::awaitable<void> {
                throw Error(Errc::network, "boom");
                co_return;
              });
            }),
            Errc::network);
}

TEST(TransportTest, HeaderLookupIgnoresCase) {
  HttpResponse res{.headers = {{"Content-Type", "text/plain"}, {"X-A", "1"}}};
  EXPECT_EQ(res.header("content-type"), "text/plain");
  EXPECT_EQ(res.header("x-b"), "");
}

}  // namespace
}  // namespace latch::detail
