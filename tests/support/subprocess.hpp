#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace latch::test {

// What to run. The environment is given whole: nothing is inherited implicitly.
struct ProcessSpec {
  std::vector<std::string> argv;   // argv[0] is the path of the executable
  std::vector<std::string> env;    // "NAME=value" entries
  std::filesystem::path cwd;       // empty: the test's own working directory
  std::filesystem::path log_file;  // Process only: where stderr goes (appended); empty: /dev/null
  // RLIMIT_NOFILE of the child, soft and hard (so that it cannot raise it); nullopt: inherited.
  std::optional<unsigned long> open_files_limit;
};

// The outcome of a process run to completion.
struct ProcessResult {
  int exit_code = -1;  // the exit status, or 128 + the signal number when a signal killed it
  bool timed_out = false;
  std::string out;  // everything written to stdout
  std::string err;  // everything written to stderr
};

// Runs `spec` to completion with stdout and stderr captured. A process still running after
// `timeout` is killed and reported with timed_out. Throws std::system_error when it cannot start.
ProcessResult run_process(const ProcessSpec& spec, std::chrono::milliseconds timeout);

// A child process that keeps running: stdout on a pipe read line by line, stderr into
// spec.log_file. The destructor kills (SIGKILL) and reaps a child still running; so does the
// kernel when the test process dies first (PR_SET_PDEATHSIG). Not thread-safe.
class Process {
 public:
  // Throws std::system_error when the process cannot start.
  explicit Process(const ProcessSpec& spec);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // The next line of stdout without its '\n'; nullopt at end of file or when `timeout` passes.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  void signal(int signo);
  // Waits up to `timeout` for the process to exit; its exit code (as ProcessResult::exit_code),
  // or nullopt while it still runs. Returns the same code again once it has exited.
  std::optional<int> wait_for(std::chrono::milliseconds timeout);
  bool running() { return !wait_for(std::chrono::milliseconds(0)).has_value(); }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int pid_fd_ = -1;
  std::string pending_;  // stdout read but not yet returned as a line
  std::optional<int> exit_code_;
};

}  // namespace latch::test
