#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/http_test_client.hpp"
#include "support/postgres_cluster.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace latch::test {

// Environment changes on top of TestServer's defaults: a value sets the variable, nullopt
// removes it.
using EnvChanges = std::map<std::string, std::optional<std::string>>;

struct TestServerOptions {
  EnvChanges env;
  std::vector<std::string> args;  // after `serve`, e.g. {"--config", path}
  // Files written into root() before the server starts: relative path -> content.
  std::map<std::string, std::string> files;
  std::chrono::milliseconds startup_timeout = std::chrono::seconds(60);
  // Serve from a fresh schema of the test binary's PostgreSQL cluster instead of SQLite
  // (support/postgres_cluster.hpp); the CLI uses it too.
  bool postgres = false;
  std::optional<unsigned long> open_files_limit;  // the server's RLIMIT_NOFILE (ProcessSpec)
};

// One run of the CLI against the server's data directory.
struct CliRun {
  std::vector<std::string> args;
  EnvChanges env;
  std::chrono::milliseconds timeout = std::chrono::seconds(60);
};

// The real `latch` binary (env LATCH_BINARY, default ./build/latch) serving a fresh temp data dir
// on 127.0.0.1 and an ephemeral port. The child inherits the test's environment minus every
// LATCH_* variable, plus LATCH_DATA_DIR, LATCH_PORT=0, LATCH_BIND_ADDRESS=127.0.0.1 and
// LATCH_LOG_LEVEL=info; it runs in the temp dir (so no stray ./latch.toml is read) and logs to
// log_path(). The constructor returns once /readyz answers 200 and throws std::runtime_error
// (with the log) when the server does not get there. The destructor stops it (SIGTERM, then
// SIGKILL after 10 s) and fails the current test when the log holds a sanitizer report.
// Not thread-safe.
class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  unsigned short port() const { return port_; }
  // Where the test connects: "http://127.0.0.1:PORT".
  std::string base_url() const;
  // The public endpoint the server announced ("http://localhost:PORT" by default); the issuer
  // is endpoint() + "/oidc".
  const std::string& endpoint() const { return endpoint_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // The temp directory holding data_dir(), the log and anything a test writes next to them.
  const std::filesystem::path& root() const { return root_.path(); }
  std::filesystem::path log_path() const { return root_.path() / "server.log"; }
  std::string log() const;  // the server's stderr so far

  HttpTestClient client() const { return HttpTestClient("127.0.0.1", port_); }

  // The answer of `sqlite3` on the server's SQLite database, trailing newlines dropped: for what
  // a test cannot do through the API (age a row, read the audit log's raw rows). Waits up to 5 s
  // for a write in progress; fails the current test when sqlite3 fails.
  std::string sql(const std::string& statement) const;

  // Runs `latch <args...>` with the server's environment (same data dir and master key).
  ProcessResult cli(std::vector<std::string> args) const;
  ProcessResult cli(const CliRun& run) const;

  // Sends SIGTERM and waits up to `timeout`; the exit code, or nullopt if it still runs.
  std::optional<int> stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Ends the server (SIGKILL when `kill`: no graceful shutdown; else as stop() does) and starts
  // it again on the same data directory and database, returning once /readyz answers 200 (throws
  // as the constructor does). The port changes; the log goes on in the same file.
  void restart(bool kill);
  Process& process() { return *process_; }

 private:
  void start();
  void read_banner(std::chrono::milliseconds timeout);
  void wait_ready(std::chrono::milliseconds timeout);
  std::vector<std::string> environment(const EnvChanges& changes) const;
  [[noreturn]] void fail(const std::string& why) const;

  TempDir root_;
  std::unique_ptr<PostgresSchema> schema_;  // outlives the process, which uses it
  std::filesystem::path data_dir_;
  std::filesystem::path binary_;
  EnvChanges env_;
  std::unique_ptr<Process> process_;
  std::vector<std::string> args_;  // after `serve`
  std::optional<unsigned long> open_files_limit_;
  std::chrono::milliseconds startup_timeout_{0};
  unsigned short port_ = 0;
  std::string endpoint_;
};

// The latch binary the tests run: LATCH_BINARY, or ./build/latch, as an absolute path.
std::filesystem::path latch_binary();

}  // namespace latch::test
