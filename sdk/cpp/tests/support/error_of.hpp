#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>

#include "latch/error.hpp"

// The latch::Error a call throws, for the SDK tests' expectations.
namespace latch::sdk_test {

// Runs `call` and returns the code of the latch::Error it throws (std::nullopt without one);
// `detail`, when given, receives the error's detail.
template <class F>
std::optional<Errc> error_of(F&& call, std::string* detail = nullptr) {
  try {
    call();
  } catch (const Error& e) {
    if (detail) {
      *detail = e.detail();
    }
    return e.code();
  }
  return std::nullopt;
}

// Runs `call` and returns the code of the latch::Error it throws; a test failure without one.
inline Errc code_of(const std::function<void()>& call) {
  if (std::optional<Errc> code = error_of(call)) {
    return *code;
  }
  ADD_FAILURE() << "no latch::Error was thrown";
  return Errc::invalid_config;
}

}  // namespace latch::sdk_test
