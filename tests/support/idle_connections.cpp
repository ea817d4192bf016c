#include "support/idle_connections.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

namespace latch::test {
namespace {

sockaddr_in loopback(const std::string& address, unsigned short port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, address.c_str(), &addr.sin_addr);
  return addr;
}

int connect_from(const std::string& from, unsigned short port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "socket");
  sockaddr_in source = loopback(from, 0);
  sockaddr_in target = loopback("127.0.0.1", port);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof(source)) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof(target)) != 0) {
    int error = errno;
    ::close(fd);
    throw std::system_error(error, std::generic_category(), "connect from " + from);
  }
  return fd;
}

}  // namespace

IdleConnections::IdleConnections(const std::string& from, unsigned short port, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    fds_.push_back(connect_from(from, port));
    closed_.push_back(false);
  }
}

IdleConnections::~IdleConnections() { close_all(); }

std::size_t IdleConnections::closed_by_server() {
  std::size_t closed = 0;
  for (std::size_t i = 0; i < fds_.size(); ++i) {
    if (!closed_[i]) {
      char byte;
      ssize_t n = ::recv(fds_[i], &byte, 1, MSG_DONTWAIT);
      closed_[i] = n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    }
    if (closed_[i]) ++closed;
  }
  return closed;
}

void IdleConnections::close_all() {
  for (int fd : fds_) ::close(fd);
  fds_.clear();
  closed_.clear();
}

double cpu_seconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t end_of_name = stat.rfind(')');
  if (end_of_name == std::string::npos) return -1;
  // After "pid (comm)": state is field 3; utime and stime are fields 14 and 15.
  std::istringstream fields(stat.substr(end_of_name + 2));
  std::string skip;
  for (int field = 3; field < 14; ++field) fields >> skip;
  long utime = 0;
  long stime = 0;
  fields >> utime >> stime;
  if (!fields) return -1;
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace latch::test
