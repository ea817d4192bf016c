#pragma once

// SpiderMonkey's per-thread plumbing for spidermonkey_runner.cpp: the engine context each thread
// keeps, a run's shared state, and the watchdog that enforces a run's limits. Internal to the
// script module (it includes jsapi.h).
#include <js/Context.h>
#include <js/experimental/JSStencil.h>
#include <jsapi.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

namespace latch::script::detail {

// What the natives and the interrupt callback of one run share with it (the context's private).
struct RunState {
  std::size_t heap_limit = 0;
  std::atomic<bool> timed_out{false};
  bool out_of_memory = false;         // the heap passed heap_limit
  std::optional<std::string> denied;  // api.denyAccess's message
};

inline RunState* state_of(JSContext* cx) {
  return static_cast<RunState*>(JS_GetContextPrivate(cx));
}

// One engine context per thread (SpiderMonkey's rule), with its compiled scripts. A context
// whose run ended without a normal completion (timeout, memory) is thrown away, so nothing of
// that run (a queued job, a half-built heap) can reach the next.
class Engine {
 public:
  // This thread's engine, made on first use, its heap backstop set for `heap_bytes`; null when
  // the engine cannot start.
  static Engine* for_this_thread(std::size_t heap_bytes);
  static void discard_this_thread() { current().reset(); }
  ~Engine();
  JSContext* cx() const { return cx_; }
  // The compiled script for `source`, compiling it on first use. Null with an exception pending
  // when it does not compile.
  JS::Stencil* stencil(const std::string& source);

 private:
  explicit Engine(JSContext* cx) : cx_(cx) {}
  static std::unique_ptr<Engine>& current();
  JSContext* cx_;
  std::unordered_map<std::string, RefPtr<JS::Stencil>> stencils_;
};

// Interrupts the run every few milliseconds until it is destroyed, so the interrupt callback can
// watch the heap, and marks the run timed out at its deadline (an interrupt is only seen at the
// script's next check).
class Watchdog {
 public:
  Watchdog(JSContext* cx, RunState& state, std::chrono::milliseconds limit)
      : thread_([this, cx, &state, limit] { watch(cx, state, limit); }) {}
  ~Watchdog();

 private:
  void watch(JSContext* cx, RunState& state, std::chrono::milliseconds limit);

  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;  // last: starts once the members it uses exist
};

}  // namespace latch::script::detail
