#pragma once

// What every fuzz target shares: an invariant check that stops the run with a readable message
// (libFuzzer saves the input as a crash), and a split of the input into text fields, so that the
// committed seeds stay readable and the dictionaries apply.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace latch::fuzz {

[[noreturn]] inline void invariant_failed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", condition, file, line);
  std::abort();
}

// The fuzz input as text. REQUIRES: `data` points to `size` bytes (libFuzzer's arguments).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The first `count` - 1 newline-terminated lines of `input`, then the rest (which may hold more
// newlines); missing fields are empty. Always `count` fields.
inline std::vector<std::string_view> split_fields(std::string_view input, std::size_t count) {
  std::vector<std::string_view> fields;
  fields.reserve(count);
  while (fields.size() + 1 < count) {
    const std::size_t newline = input.find('\n');
    fields.push_back(input.substr(0, newline));
    input = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  }
  fields.push_back(input);
  return fields;
}

}  // namespace latch::fuzz

// Aborts with the failed condition when `condition` is false: a broken invariant is a finding.
#define FUZZ_CHECK(condition)                                          \
  do {                                                                 \
    if (!(condition)) {                                                \
      ::latch::fuzz::invariant_failed(#condition, __FILE__, __LINE__); \
    }                                                                  \
  } while (false)
