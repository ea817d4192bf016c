#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace latch::test {

// TCP connections to 127.0.0.1:`port` that send nothing, as an attacker holding descriptors
// does, opened from the loopback source address `from` ("127.0.0.2": any 127/8 address is the
// local host, so a test can be several clients). A connection the kernel completes but the
// server closes at once still counts as opened. Not thread-safe.
class IdleConnections {
 public:
  // Opens `count` connections (blocking connects). Throws std::system_error when one cannot be
  // made at all.
  IdleConnections(const std::string& from, unsigned short port, std::size_t count);
  ~IdleConnections();
  IdleConnections(const IdleConnections&) = delete;
  IdleConnections& operator=(const IdleConnections&) = delete;

  std::size_t size() const { return fds_.size(); }
  // How many the server has closed (end of file or reset) so far. Does not block.
  std::size_t closed_by_server();
  // Closes every connection from this side.
  void close_all();

 private:
  std::vector<int> fds_;
  std::vector<bool> closed_;
};

// User plus system CPU time `pid` has used, in seconds (from /proc/PID/stat); -1 when unknown.
double cpu_seconds(int pid);

}  // namespace latch::test
