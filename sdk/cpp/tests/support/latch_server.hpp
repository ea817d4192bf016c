#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/mini_http.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

// The real `latch` binary for the SDK tests (no server headers: the SDK's latch::Error would
// clash with the server's).
namespace latch::sdk_test {

// The binary: env LATCH_BINARY, else ./build/latch, as an absolute path.
std::filesystem::path latch_binary();

// `latch serve` on 127.0.0.1 and an ephemeral port with a fresh temp data dir; the constructor
// returns once /readyz answers 200 (throws std::runtime_error with the log otherwise). The child
// inherits the environment minus LATCH_*; `extra_env` ("NAME=value") is added. The destructor
// stops it. Not thread-safe.
class LatchServer {
 public:
  explicit LatchServer(std::vector<std::string> extra_env = {});
  ~LatchServer();
  LatchServer(const LatchServer&) = delete;
  LatchServer& operator=(const LatchServer&) = delete;

  unsigned short port() const { return port_; }
  // "http://localhost:PORT": the issuer is endpoint() + "/oidc".
  const std::string& endpoint() const { return endpoint_; }
  std::string log() const;

  // Runs `latch <args...>` against the data dir (bounded: 60 s).
  test::ProcessResult cli(std::vector<std::string> args) const;
  // Runs `latch <args...>` (add --json yourself) and parses its stdout; throws
  // std::runtime_error with stderr when the command fails or prints no JSON.
  boost::json::value cli_json(std::vector<std::string> args) const;

  // One HTTP exchange with the server (no redirects followed).
  Response request(const Request& request) const { return send(port_, request); }
  Response get(const std::string& target) const { return send(port_, {.target = target}); }

  // SIGTERM and wait; later requests fail to connect.
  void stop();

 private:
  std::vector<std::string> environment() const;

  test::TempDir root_;
  std::vector<std::string> extra_env_;
  std::unique_ptr<test::Process> process_;
  unsigned short port_ = 0;
  std::string endpoint_;
};

// Provisioning shortcuts over the CLI.
struct M2mApp {
  std::string id, secret;
};
// An m2m app granted `granted_scopes` of a new resource `indicator` (created with
// `resource_scopes`) by an M2M role of its own (management_api.hpp).
M2mApp create_m2m_app_for(const LatchServer& server, const std::string& indicator,
                          const std::vector<std::string>& resource_scopes,
                          const std::vector<std::string>& granted_scopes);
// Standard base64 with padding (RFC 4648 §4), for HTTP Basic credentials.
std::string base64(std::string_view bytes);
// A client-credentials access token (client_secret_basic); waits (up to 5 s) for the server to
// see an app the CLI just made for `resource` with `scope` (space-separated).
std::string client_credentials_token(const LatchServer& server, const M2mApp& app,
                                     const std::string& resource, const std::string& scope);

}  // namespace latch::sdk_test
