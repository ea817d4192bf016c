#include "server/master_key.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace latch::server {
namespace {

Result<std::string> decode(std::string text, const std::string& source) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  auto key = crypto::base64_decode(text);
  if (!key || key->size() != 32) {
    return make_error(Errc::InvalidRequest, source + " must hold 32 bytes encoded in base64");
  }
  return std::move(*key);
}

Result<std::string> read(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(Errc::Unavailable, "cannot read master key file " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return decode(buffer.str(), path);
}

// Writes a new key to a private temporary file beside `path`, then links it to `path`: the key
// file appears complete or not at all. When another process (a second node sharing the data dir)
// linked its key first, that key wins and is returned instead.
Result<std::string> create(const std::string& path) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string key = crypto::random_bytes(32);
  std::string text = crypto::base64_encode(key) + "\n";
  std::string temp = path + ".new-" + crypto::base64url_encode(crypto::random_bytes(9));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    return make_error(Errc::Unavailable, "cannot create master key file " + path);
  }
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  written = ::fsync(fd) == 0 && written;
  ::close(fd);
  if (!written) {
    ::unlink(temp.c_str());
    return make_error(Errc::Unavailable, "cannot write master key file " + path);
  }
  int linked = ::link(temp.c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(temp.c_str());
  if (linked == 0) return key;
  if (link_errno == EEXIST) return read(path);
  return make_error(Errc::Unavailable, "cannot create master key file " + path);
}

}  // namespace

Result<std::string> load_master_key(const Config& config) {
  if (!config.master_key.empty()) return decode(config.master_key, "master_key");
  const std::string& path = config.master_key_file;
  if (!std::filesystem::exists(path)) return create(path);
  return read(path);
}

}  // namespace latch::server
