#include "connectors/email/smtp_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>

#include "connectors/email/smtp_dialog.hpp"
#include "connectors/http/outbound_run.hpp"

namespace latch::connectors {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::awaitable;

Result<void> configure_tls(ssl::context& ctx, const SmtpSettings& s) {
  boost::system::error_code ec;
  if (!s.verify_certificate) {
    ctx.set_verify_mode(ssl::verify_none);
    return ok();
  }
  ctx.set_verify_mode(ssl::verify_peer);
  if (ctx.set_default_verify_paths(ec); ec) {
    return make_error(Errc::Unavailable, "cannot load trusted certificates", ec.message());
  }
  if (!s.ca_file.empty()) {
    if (ctx.load_verify_file(s.ca_file, ec); ec) {
      return make_error(Errc::Unavailable, "cannot load the SMTP CA file", ec.message());
    }
  }
  return ok();
}

template <class Tls>
awaitable<Result<void>> handshake(Tls& tls, const SmtpSettings& s) {
  SSL_set_tlsext_host_name(tls.native_handle(), s.host.c_str());  // SNI
  if (s.verify_certificate) tls.set_verify_callback(ssl::host_name_verification(s.host));
  auto [ec] =
      co_await tls.async_handshake(ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
  if (ec)
    co_return make_error(Errc::Unavailable, "TLS handshake with the SMTP server failed",
                         ec.message());
  co_return ok();
}

awaitable<Result<void>> session(const SmtpSettings& s, const std::string& data,
                                const std::string& to) {
  auto ex = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(ex);
  auto [rec, endpoints] = co_await resolver.async_resolve(s.host, std::to_string(s.port),
                                                          asio::as_tuple(asio::use_awaitable));
  if (rec) co_return make_error(Errc::Unavailable, "cannot resolve the SMTP host", rec.message());
  boost::beast::tcp_stream tcp(ex);
  tcp.expires_after(s.timeout);
  auto [cec, ep] = co_await tcp.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
  if (cec)
    co_return make_error(Errc::Unavailable, "cannot connect to the SMTP server", cec.message());
  ssl::context ctx(ssl::context::tls_client);
  if (auto r = configure_tls(ctx, s); !r) co_return r;
  Envelope envelope{s, data, to};
  if (s.security == "tls") {
    ssl::stream<boost::beast::tcp_stream&> tls(tcp, ctx);
    if (auto r = co_await handshake(tls, s); !r) co_return r;
    SmtpDialog<decltype(tls)> dialog(tls, tcp, s.timeout);
    co_return co_await dialog.run(envelope, true);
  }
  SmtpDialog<boost::beast::tcp_stream> plain(tcp, tcp, s.timeout);
  auto caps = co_await plain.greet();
  if (!caps) co_return caps.error();
  if (s.security == "none") co_return co_await plain.finish(envelope, *caps);
  if (caps->find("STARTTLS") == std::string::npos) {
    co_return make_error(Errc::Unavailable, "the SMTP server does not offer STARTTLS");
  }
  if (auto r = co_await plain.command("STARTTLS", 220); !r) co_return r.error();
  ssl::stream<boost::beast::tcp_stream&> tls(tcp, ctx);
  if (auto r = co_await handshake(tls, s); !r) co_return r;
  SmtpDialog<decltype(tls)> secure(tls, tcp, s.timeout);
  co_return co_await secure.run(envelope, false);
}

}  // namespace

Result<void> SmtpSender::send(const OutgoingMessage& message) const {
  auto data = format_mail(settings_.from, message, clock_.now_seconds());
  if (!data) return data.error();
  if (message.to.find_first_of("\r\n<>") != std::string::npos) {
    return make_error(Errc::InvalidRequest, "the recipient address is malformed");
  }
  asio::io_context io;
  Result<void> result = make_error(Errc::Unavailable, "the SMTP session did not finish");
  auto job = [&]() -> awaitable<void> { result = co_await session(settings_, *data, message.to); };
  asio::co_spawn(io, job, asio::detached);
  run_outbound(io);
  return result;
}

}  // namespace latch::connectors
