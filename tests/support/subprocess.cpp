#include "support/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace latch::test {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

std::vector<char*> c_strings(const std::vector<std::string>& items) {
  std::vector<char*> out;
  for (const auto& item : items) out.push_back(const_cast<char*>(item.c_str()));
  out.push_back(nullptr);
  return out;
}

// Forks and execs `spec` with stdout and stderr on the given descriptors (stdin: /dev/null).
// The child is killed when the test process dies. In the child only async-signal-safe calls run.
pid_t spawn(const ProcessSpec& spec, int out_fd, int err_fd) {
  std::vector<char*> argv = c_strings(spec.argv);
  std::vector<char*> envp = c_strings(spec.env);
  std::string cwd = spec.cwd.string();
  std::optional<rlim_t> open_files;
  if (spec.open_files_limit) open_files = static_cast<rlim_t>(*spec.open_files_limit);
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0) fail("open /dev/null");
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) fail("fork");
  if (pid == 0) {
    // A test binary that crashes must not leave servers behind.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) ::_exit(126);
    if (::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) ::_exit(126);
    if (open_files) {
      rlimit limit{*open_files, *open_files};
      if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) ::_exit(126);
    }
    ::close_range(3, ~0U, 0);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    constexpr char kMessage[] = "execve failed\n";
    [[maybe_unused]] auto written = ::write(2, kMessage, sizeof(kMessage) - 1);
    ::_exit(127);
  }
  ::close(null_fd);
  return pid;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<std::int64_t>(0, left.count()));
}

// Reads what is available on `fd` into `out`; false at end of file or on an error.
bool read_some(int fd, std::string& out) {
  char buffer[4096];
  ssize_t n = ::read(fd, buffer, sizeof(buffer));
  if (n > 0) out.append(buffer, static_cast<std::size_t>(n));
  return n > 0 || (n < 0 && errno == EINTR);
}

}  // namespace

ProcessResult run_process(const ProcessSpec& spec, std::chrono::milliseconds timeout) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) fail("pipe2");
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) fail("pipe2");
  pid_t pid = spawn(spec, out_pipe[1], err_pipe[1]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  ProcessResult result;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  const auto deadline = Clock::now() + timeout;
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    int ready = ::poll(fds, 2, remaining_ms(deadline));
    if (ready == 0) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      if (!read_some(fds[i].fd, i == 0 ? result.out : result.err)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
      }
    }
  }
  for (auto& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = decode_status(status);
  return result;
}

Process::Process(const ProcessSpec& spec) {
  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) fail("pipe2");
  int log_fd = spec.log_file.empty()
                   ? ::open("/dev/null", O_WRONLY | O_CLOEXEC)
                   : ::open(spec.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) fail("open log file");
  pid_ = spawn(spec, out_pipe[1], log_fd);
  ::close(out_pipe[1]);
  ::close(log_fd);
  stdout_fd_ = out_pipe[0];
  pid_fd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  if (pid_fd_ < 0) fail("pidfd_open");
}

Process::~Process() {
  if (!exit_code_) {
    ::kill(pid_, SIGKILL);
    wait_for(std::chrono::seconds(10));
  }
  ::close(stdout_fd_);
  ::close(pid_fd_);
}

std::optional<std::string> Process::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (auto newline = pending_.find('\n'); newline != std::string::npos) {
      std::string line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      return line;
    }
    pollfd fd{stdout_fd_, POLLIN, 0};
    int ready = ::poll(&fd, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0 || !read_some(stdout_fd_, pending_)) return std::nullopt;
  }
}

void Process::signal(int signo) {
  if (!exit_code_) ::kill(pid_, signo);
}

std::optional<int> Process::wait_for(std::chrono::milliseconds timeout) {
  if (exit_code_) return exit_code_;
  pollfd fd{pid_fd_, POLLIN, 0};
  const auto deadline = Clock::now() + timeout;
  int ready = 0;
  do {
    ready = ::poll(&fd, 1, remaining_ms(deadline));
  } while (ready < 0 && errno == EINTR);
  if (ready <= 0) return std::nullopt;
  int status = 0;
  if (::waitpid(pid_, &status, 0) == pid_) exit_code_ = decode_status(status);
  return exit_code_;
}

}  // namespace latch::test
