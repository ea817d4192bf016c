#include "http/request.hpp"

#include <algorithm>
#include <cctype>

#include "http/cookies.hpp"

namespace latch::http {

std::optional<std::string_view> Params::get(std::string_view name) const {
  for (const auto& [k, v] : items_) {
    if (k == name) {
      return std::string_view(v);
    }
  }
  return std::nullopt;
}

std::string_view Params::value(std::string_view name) const { return get(name).value_or(""); }

std::vector<std::string_view> Params::all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : items_) {
    if (k == name) {
      out.emplace_back(v);
    }
  }
  return out;
}

std::size_t Params::count(std::string_view name) const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [&](const auto& item) { return item.first == name; }));
}

std::string_view Request::header(bhttp::field field) const {
  auto it = message.find(field);
  return it == message.end() ? std::string_view{} : std::string_view(it->value());
}

std::string_view Request::header(std::string_view name) const {
  auto it = message.find(name);
  return it == message.end() ? std::string_view{} : std::string_view(it->value());
}

std::string Request::media_type() const {
  std::string_view type = header(bhttp::field::content_type);
  type = type.substr(0, type.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) {
    type.remove_suffix(1);
  }
  std::string out(type);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Request::charset() const {
  std::string_view rest = header(bhttp::field::content_type);
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
    std::string_view item = rest.substr(0, rest.find(';'));
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) {
      item.remove_prefix(1);
    }
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = item.substr(0, eq);
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) {
      key.remove_suffix(1);
    }
    if (key.size() != 7 || !std::equal(key.begin(), key.end(), "charset", [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      continue;
    }
    std::string_view value = item.substr(eq + 1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
      value.remove_prefix(1);
    }
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
      value.remove_suffix(1);
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return {};
}

std::string_view Request::param(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) {
      return v;
    }
  }
  return {};
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  return find_cookie(header(bhttp::field::cookie), name);
}

}  // namespace latch::http
