#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

// Runs operators' JavaScript (custom JWT claims) in a sandbox: a fresh global per run with the
// language's standard library and nothing else (no I/O, no timers, no modules), a wall-clock
// limit and a heap limit. The engine (SpiderMonkey) stays behind this interface: nothing outside
// this module includes its headers.
namespace latch::script {

struct Limits {
  std::chrono::milliseconds time{5000};  // wall clock for the whole run, promise jobs included
  std::size_t heap_bytes = std::size_t{128} << 20;  // the engine's garbage-collected heap
};

// Why a run produced no value. The kinds are Logto's script runner's (syntax, type, runtime,
// timeout, oom, denied).
enum class FailureKind {
  Syntax,       // the script does not compile
  Type,         // the entry is missing or not a function, or its result is not a JSON object
  Runtime,      // the script threw, or its promise was rejected or never settled
  Timeout,      // Limits::time ran out
  OutOfMemory,  // Limits::heap_bytes ran out
  Denied,       // the script called api.denyAccess(message)
};

struct Failure {
  FailureKind kind = FailureKind::Runtime;
  std::string message;  // for the operator who wrote the script; the denial's own message
};

// One call of a script's entry function.
struct Call {
  std::string_view source;  // defines `entry` at top level (const, let, var or function)
  std::string_view entry = "getCustomJwtClaims";
  // The members of the entry's one argument (token, context, environmentVariables); the runner
  // adds `api` with denyAccess(message).
  boost::json::object argument;
  Limits limits;
};

// A JSON object the entry returned (or its promise resolved to), or why there is none.
struct Outcome {
  std::optional<boost::json::object> value;
  Failure failure;
};

// Thread-safe: each calling thread runs on an engine context of its own. A run blocks its
// thread for up to Limits::time: call from a pool thread, never an I/O thread.
class Runner {
 public:
  virtual ~Runner() = default;
  virtual Outcome run(const Call& call) const = 0;
};

// Prepares the engine for the process, once; thread-safe. A Runner calls it with its first script,
// so that a process that never runs one never spends the engine's memory. Returns false when the
// engine cannot start.
bool init_engine();

// The SpiderMonkey runner. Compiled scripts are cached per thread by the source's hash, so a
// script changes when its text does.
std::unique_ptr<Runner> make_spidermonkey_runner();

}  // namespace latch::script
