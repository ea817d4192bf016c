#include "script/spidermonkey_engine.hpp"

#include <js/CompilationAndEvaluation.h>
#include <js/CompileOptions.h>
#include <js/Initialization.h>
#include <js/Interrupt.h>
#include <js/SourceText.h>
#include <js/Stack.h>
#include <jsfriendapi.h>

#include <cstdlib>

#include "script/runner.hpp"

namespace latch::script {
namespace detail {
namespace {

constexpr std::size_t kNativeStackQuota = 512 * 1024;  // pool threads have 8 MiB stacks
constexpr std::size_t kCachedScripts = 16;             // compiled scripts kept per thread
constexpr auto kInterruptEvery = std::chrono::milliseconds(5);

// The heap as the engine counts it, garbage included.
std::size_t heap_in_use(JSContext* cx) { return JS_GetGCParameter(cx, JSGC_BYTES); }

// Called every few milliseconds (Watchdog). Past the deadline, or with a heap over the limit
// after a full collection, it stops the script (false: an uncatchable stop) and the job queue.
// The heap is watched here rather than left to JSGC_MAX_BYTES alone: near that limit the engine
// collects again and again and a runaway allocation takes minutes to fail.
bool on_interrupt(JSContext* cx) {
  RunState* state = state_of(cx);
  if (state == nullptr) return true;
  if (!state->timed_out.load() && heap_in_use(cx) > state->heap_limit) {
    JS_GC(cx);
    state->out_of_memory = heap_in_use(cx) > state->heap_limit;
  }
  if (!state->timed_out.load() && !state->out_of_memory) return true;
  js::StopDrainingJobQueue(cx);
  return false;
}

}  // namespace

Engine::~Engine() {
  stencils_.clear();
  JS_DestroyContext(cx_);
}

std::unique_ptr<Engine>& Engine::current() {
  thread_local std::unique_ptr<Engine> engine;
  return engine;
}

Engine* Engine::for_this_thread(std::size_t heap_bytes) {
  auto& engine = current();
  if (!engine) {
    if (!init_engine()) return nullptr;
    JSContext* cx = JS_NewContext(static_cast<std::uint32_t>(heap_bytes));
    if (cx == nullptr) return nullptr;
    if (!js::UseInternalJobQueues(cx) || !JS::InitSelfHostedCode(cx)) {
      JS_DestroyContext(cx);
      return nullptr;
    }
    JS_SetNativeStackQuota(cx, kNativeStackQuota);
    JS_AddInterruptCallback(cx, on_interrupt);
    engine.reset(new Engine(cx));
  }
  // A backstop for an allocation faster than the watchdog's checks (on_interrupt).
  JS_SetGCParameter(engine->cx(), JSGC_MAX_BYTES, static_cast<std::uint32_t>(2 * heap_bytes));
  return engine.get();
}

JS::Stencil* Engine::stencil(const std::string& source) {
  if (auto it = stencils_.find(source); it != stencils_.end()) return it->second.get();
  JS::CompileOptions options(cx_);
  options.setFileAndLine("script.js", 1);
  JS::SourceText<mozilla::Utf8Unit> text;
  if (!text.init(cx_, source.data(), source.size(), JS::SourceOwnership::Borrowed)) {
    return nullptr;
  }
  RefPtr<JS::Stencil> compiled = JS::CompileGlobalScriptToStencil(cx_, options, text);
  if (!compiled) return nullptr;
  if (stencils_.size() >= kCachedScripts) stencils_.clear();
  return stencils_.emplace(source, std::move(compiled)).first->second.get();
}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Watchdog::watch(JSContext* cx, RunState& state, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, kInterruptEvery, [this] { return done_; })) {
    if (std::chrono::steady_clock::now() >= deadline) state.timed_out.store(true);
    JS_RequestInterruptCallback(cx);
  }
}

}  // namespace detail

bool init_engine() {
  // The engine must be shut down before the process exits, or its own static destructors crash
  // it: after every context (the threads' Engines, destroyed as their threads end, the main
  // thread's before atexit handlers run).
  static const bool started = [] {
    if (!JS_Init()) return false;
    std::atexit([] { JS_ShutDown(); });
    return true;
  }();
  return started;
}

}  // namespace latch::script
