#include "oidc/authentication_methods.hpp"

namespace latch::oidc {

std::vector<std::string> split_amr(std::string_view amr) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= amr.size()) {
    std::size_t end = amr.find(' ', start);
    if (end == std::string_view::npos) end = amr.size();
    if (end > start) out.emplace_back(amr.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string join_amr(const std::vector<std::string>& amr) {
  std::string out;
  for (const auto& method : amr) {
    if (method.empty()) continue;
    if (!out.empty()) out += ' ';
    out += method;
  }
  return out;
}

bool has_amr(std::string_view amr, std::string_view method) {
  for (const auto& m : split_amr(amr)) {
    if (m == method) return true;
  }
  return false;
}

}  // namespace latch::oidc
