#include "server/metrics_endpoint.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "crypto/hash.hpp"

namespace latch::server {
namespace {

namespace asio = boost::asio;
using http::bhttp::status;

double resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

double virtual_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  if (!(statm >> pages)) return 0;
  return static_cast<double>(pages) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

double cpu_seconds() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double open_descriptors() {
  std::error_code ec;
  double count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++count;
  }
  return count;
}

double max_descriptors() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  return static_cast<double>(limit.rlim_cur);
}

// A client that reached this node over the loopback interface itself, not through a proxy on
// the same host (a proxy names the client it forwards; a Latch whose proxy is not among
// trusted_proxies sees the proxy's loopback address for every client).
bool local_and_direct(const http::Request& req) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(req.remote_address, ec);
  if (ec) return false;
  bool loopback = address.is_loopback() ||
                  (address.is_v6() && address.to_v6().is_v4_mapped() &&
                   asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).is_loopback());
  return loopback && req.header("x-forwarded-for").empty() && req.header("forwarded").empty() &&
         req.header("x-real-ip").empty();
}

bool presents_token(const http::Request& req, const std::string& token) {
  constexpr std::string_view kBearer = "Bearer ";
  std::string_view authorization = req.header(http::bhttp::field::authorization);
  if (token.empty() || authorization.size() <= kBearer.size()) return false;
  std::string_view scheme = authorization.substr(0, kBearer.size());
  bool bearer = scheme.size() == kBearer.size() &&
                std::equal(scheme.begin(), scheme.end(), kBearer.begin(), [](char a, char b) {
                  return std::tolower(static_cast<unsigned char>(a)) ==
                         std::tolower(static_cast<unsigned char>(b));
                });
  return bearer && crypto::constant_time_equal(authorization.substr(kBearer.size()), token);
}

}  // namespace

MetricsEndpoint::MetricsEndpoint(const Config& config, const http::Pools& pools) : config_(config) {
  auto& registry = metrics::registry();
  double started =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  gauges_.push_back(registry.gauge("process_resident_memory_bytes",
                                   "Resident memory size in bytes.", {}, resident_bytes));
  gauges_.push_back(registry.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                                   {}, virtual_bytes));
  gauges_.push_back(registry.observed_counter(
      "process_cpu_seconds_total", "User and system CPU time spent in seconds.", {}, cpu_seconds));
  gauges_.push_back(
      registry.gauge("process_open_fds", "Number of open file descriptors.", {}, open_descriptors));
  gauges_.push_back(registry.gauge("process_max_fds", "Maximum number of open file descriptors.",
                                   {}, max_descriptors));
  gauges_.push_back(registry.gauge("process_start_time_seconds",
                                   "Start time of the process since the Unix epoch in seconds.", {},
                                   [started] { return started; }));
  const char* jobs_help =
      "Jobs admitted to a bounded work pool (running or waiting): password hashing, outbound "
      "calls.";
  const http::WorkPool& hashing = pools.hashing;
  const http::WorkPool& outbound = pools.outbound;
  gauges_.push_back(registry.gauge("latch_work_pool_jobs", jobs_help, {{"pool", "hashing"}},
                                   [&hashing] { return static_cast<double>(hashing.admitted()); }));
  gauges_.push_back(
      registry.gauge("latch_work_pool_jobs", jobs_help, {{"pool", "outbound"}},
                     [&outbound] { return static_cast<double>(outbound.admitted()); }));
}

void MetricsEndpoint::mount(http::Router& router) const {
  if (config_.metrics == "off") return;
  router.group("").get("/metrics", [this](http::Request& req) -> asio::awaitable<http::Response> {
    if (!local_and_direct(req) && !presents_token(req, config_.metrics_token)) {
      http::Response denied =
          http::text_response(status::unauthorized, "metrics need the metrics token\n");
      denied.set(http::bhttp::field::www_authenticate, "Bearer realm=\"metrics\"");
      co_return denied;
    }
    http::Response res = http::text_response(status::ok, metrics::registry().render());
    res.set(http::bhttp::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    res.set(http::bhttp::field::cache_control, "no-store");
    co_return res;
  });
}

}  // namespace latch::server
