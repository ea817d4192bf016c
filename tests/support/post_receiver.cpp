#include "support/post_receiver.hpp"

#include <boost/json/parse.hpp>
#include <stdexcept>

namespace latch::test {
namespace {

namespace json = boost::json;

// Prints one JSON line per request: {path, status, headers (lower-cased names), body}, after a
// first line "port N".
constexpr const char* kReceiver = R"py(
import collections, http.server, json, sys
seen = collections.Counter()
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0)).decode()
        seen[self.path] += 1
        fail = 'always-fail' in self.path or ('fail-first' in self.path and seen[self.path] == 1)
        status = 503 if fail else 200
        headers = {k.lower(): v for k, v in self.headers.items()}
        print(json.dumps({'path': self.path, 'status': status, 'headers': headers, 'body': body}),
              flush=True)
        reply = b'{"busy":true}' if fail else b'{"ok":true}'
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler)
print('port', server.server_address[1], flush=True)
server.serve_forever()
)py";

Received parse(const std::string& line) {
  Received r;
  auto value = json::parse(line).as_object();
  r.path = std::string(value.at("path").as_string());
  r.status = static_cast<int>(value.at("status").as_int64());
  for (const auto& [name, v] : value.at("headers").as_object()) {
    r.headers[name] = std::string(v.as_string());
  }
  r.body = std::string(value.at("body").as_string());
  boost::system::error_code ec;
  auto payload = json::parse(r.body, ec);
  if (!ec && payload.is_object()) r.payload = payload.as_object();
  return r;
}

}  // namespace

PostReceiver::PostReceiver(int port)
    : process_(
          ProcessSpec{.argv = {"/usr/bin/python3", "-u", "-c", kReceiver, std::to_string(port)},
                      .env = {"PATH=/usr/bin:/bin"}}) {
  auto banner = process_.read_line(std::chrono::seconds(10));
  if (!banner || banner->rfind("port ", 0) != 0) {
    throw std::runtime_error("the loopback receiver did not start");
  }
  port_ = std::stoi(banner->substr(5));
}

std::vector<Received> PostReceiver::wait_for(const std::string& path, std::size_t count,
                                             std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (of(path).size() < count) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    auto line = process_.read_line(left);
    if (!line) break;
    received_.push_back(parse(*line));
  }
  return of(path);
}

std::vector<Received> PostReceiver::of(const std::string& path) const {
  std::vector<Received> out;
  for (const auto& r : received_) {
    if (r.path == path) out.push_back(r);
  }
  return out;
}

std::string hex(std::string_view raw) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xf]);
  }
  return out;
}

}  // namespace latch::test
