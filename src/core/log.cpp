#include "core/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace latch {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Appends `text`, with control characters escaped; with `json`, quotes and backslashes too.
void append_escaped(std::string_view text, bool json, spdlog::memory_buf_t& out) {
  auto put = [&](std::string_view s) { out.append(s.data(), s.data() + s.size()); };
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      put("\\n");
    } else if (c == '\r') {
      put("\\r");
    } else if (c == '\t') {
      put("\\t");
    } else if (json && (c == '"' || c == '\\')) {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20 || u == 0x7f) {
      put(json ? "\\u00" : "\\x");
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
}

// The message, escaped: the pattern flag %* stands for it.
class EscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  explicit EscapedMessage(bool json) : json_(json) {}
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    append_escaped(std::string_view(msg.payload.data(), msg.payload.size()), json_, dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<EscapedMessage>(json_);
  }

 private:
  bool json_;
};

}  // namespace

void setup_logging(std::string_view level, std::string_view format) {
  auto logger = spdlog::stderr_logger_mt("latch");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(std::string(level)));
  bool json = format == "json";
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<EscapedMessage>('*', json);
  if (json) {
    formatter->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","message":"%*"})");
  } else {
    formatter->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %*");
  }
  spdlog::set_formatter(std::move(formatter));
}

void log_error(const Error& error) {
  if (error.code == Errc::Internal || error.code == Errc::Ok) {
    spdlog::error("internal error: {} ({})", error.description, error.detail);
  } else if (!error.detail.empty()) {
    spdlog::debug("{}: {} ({})", errc_name(error.code), error.description, error.detail);
  }
}

std::string escape_for_log(std::string_view text) {
  spdlog::memory_buf_t out;
  append_escaped(text, false, out);
  return std::string(out.data(), out.size());
}

}  // namespace latch
