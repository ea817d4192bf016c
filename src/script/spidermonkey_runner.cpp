// Runs a script's entry on SpiderMonkey: the sandbox's global, the argument, the call, the
// result (script/runner.hpp is the contract; spidermonkey_engine.hpp the per-thread engine).
#include <js/Array.h>
#include <js/CompilationAndEvaluation.h>
#include <js/CompileOptions.h>
#include <js/Context.h>
#include <js/ErrorReport.h>
#include <js/Exception.h>
#include <js/GlobalObject.h>
#include <js/Initialization.h>
#include <js/Interrupt.h>
#include <js/JSON.h>
#include <js/Promise.h>
#include <js/PropertyAndElement.h>
#include <js/Realm.h>
#include <js/SourceText.h>
#include <js/Stack.h>
#include <js/String.h>
#include <js/experimental/JSStencil.h>
#include <jsapi.h>
#include <jsfriendapi.h>

#include <boost/json/serialize.hpp>

#include "core/json.hpp"
#include "script/runner.hpp"
#include "script/spidermonkey_engine.hpp"

namespace latch::script {
namespace {

using detail::Engine;
using detail::RunState;
using detail::state_of;
using detail::Watchdog;

std::string utf8_of(JSContext* cx, JS::HandleString text) {
  JS::UniqueChars chars = JS_EncodeStringToUTF8(cx, text);
  return chars ? std::string(chars.get()) : std::string();
}

// "TypeError: x is not a function" for a thrown (or rejected) value.
std::string describe(JSContext* cx, JS::HandleValue thrown) {
  JS::ExceptionStack stack(cx, thrown, nullptr);
  JS::ErrorReportBuilder report(cx);
  if (!report.init(cx, stack, JS::ErrorReportBuilder::NoSideEffects)) {
    JS_ClearPendingException(cx);
    return "the script threw a value that cannot be shown";
  }
  const char* text = report.toStringResult().c_str();
  return text ? std::string(text) : std::string("the script failed");
}

Failure failure(FailureKind kind, std::string message) { return {kind, std::move(message)}; }

// Why a call returned false: the deadline, the memory limit (an uncatchable stop), a denial or
// what the script threw.
Failure stopped(JSContext* cx, const RunState& state, FailureKind thrown_kind) {
  if (state.timed_out.load()) {
    return failure(FailureKind::Timeout, "Script execution timed out.");
  }
  if (state.out_of_memory || !JS_IsExceptionPending(cx)) {
    JS_ClearPendingException(cx);
    return failure(FailureKind::OutOfMemory, "Script execution exceeded the memory limit.");
  }
  JS::RootedValue thrown(cx);
  bool got = JS_GetPendingException(cx, &thrown);
  JS_ClearPendingException(cx);
  if (state.denied) return failure(FailureKind::Denied, *state.denied);
  if (got && thrown.isString()) {
    JS::RootedString text(cx, thrown.toString());
    if (utf8_of(cx, text) == "out of memory") {
      return failure(FailureKind::OutOfMemory, "Script execution exceeded the memory limit.");
    }
  }
  return failure(thrown_kind, got ? describe(cx, thrown) : "the script failed");
}

// api.denyAccess(message): records the denial and throws, so the script stops there; a script
// that catches it is denied all the same.
bool deny_access(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  std::string message = "Access denied.";
  if (args.get(0).isString()) {
    JS::RootedString text(cx, args[0].toString());
    message = utf8_of(cx, text);
  }
  if (RunState* state = state_of(cx)) state->denied = message;
  JS_ReportErrorUTF8(cx, "%s", message.c_str());
  return false;
}

// console.log and friends: accepted and dropped (a run has no output but its result).
bool ignore(JSContext*, unsigned argc, JS::Value* vp) {
  JS::CallArgsFromVp(argc, vp).rval().setUndefined();
  return true;
}

const JSClass kGlobalClass = {
    "global", JSCLASS_GLOBAL_FLAGS, &JS::DefaultGlobalClassOps, nullptr, nullptr, nullptr};

// A new global: the standard library, a console that prints nothing, nothing else.
JSObject* new_global(JSContext* cx) {
  JS::RealmOptions options;
  options.creationOptions().setNewCompartmentAndZone();
  JS::RootedObject global(
      cx, JS_NewGlobalObject(cx, &kGlobalClass, nullptr, JS::FireOnNewGlobalHook, options));
  if (!global) return nullptr;
  JSAutoRealm realm(cx, global);
  if (!JS::InitRealmStandardClasses(cx)) return nullptr;
  JS::RootedObject console(cx, JS_NewPlainObject(cx));
  if (!console) return nullptr;
  for (const char* name : {"log", "info", "warn", "error", "debug"}) {
    if (!JS_DefineFunction(cx, console, name, ignore, 0, 0)) return nullptr;
  }
  if (!JS_DefineProperty(cx, global, "console", console, 0)) return nullptr;
  return global;
}

// The entry's argument: `members` as JSON, plus api.denyAccess.
bool make_argument(JSContext* cx, const boost::json::object& members, JS::MutableHandleValue out) {
  std::string text = boost::json::serialize(members);
  JS::RootedString json(cx, JS_NewStringCopyUTF8N(cx, JS::UTF8Chars(text.data(), text.size())));
  if (!json || !JS_ParseJSON(cx, json, out)) return false;
  JS::RootedObject argument(cx, &out.toObject());
  JS::RootedObject api(cx, JS_NewPlainObject(cx));
  if (!api || !JS_DefineFunction(cx, api, "denyAccess", deny_access, 1, 0)) return false;
  return JS_DefineProperty(cx, argument, "api", api, JSPROP_ENUMERATE);
}

bool append_utf16(const char16_t* chars, uint32_t length, void* data) {
  static_cast<std::u16string*>(data)->append(chars, length);
  return true;
}

// The settled value as a JSON object, or a Type failure.
Outcome to_object(JSContext* cx, const RunState& state, JS::HandleValue value) {
  bool is_array = false;
  JS::RootedObject object(cx, value.isObject() ? &value.toObject() : nullptr);
  if (!object || !JS::IsArrayObject(cx, object, &is_array) || is_array) {
    return {std::nullopt, failure(FailureKind::Type, "getCustomJwtClaims must return an object")};
  }
  std::u16string text;
  JS::RootedValue subject(cx, value);
  if (!JS_Stringify(cx, &subject, nullptr, JS::NullHandleValue, append_utf16, &text)) {
    return {std::nullopt, stopped(cx, state, FailureKind::Type)};
  }
  JS::RootedString json(cx, JS_NewUCStringCopyN(cx, text.data(), text.size()));
  if (!json) return {std::nullopt, stopped(cx, state, FailureKind::Type)};
  auto parsed = parse_json(utf8_of(cx, json));
  if (!parsed || !parsed->is_object()) {
    return {std::nullopt, failure(FailureKind::Type, "the result is not a JSON object")};
  }
  return {std::move(parsed->as_object()), {}};
}

// Runs the script in `global`, calls the entry, drains the promise jobs and reads the result.
Outcome call_entry(Engine& engine, const Call& call, RunState& state) {
  JSContext* cx = engine.cx();
  // The completion value of the script plus this line is the entry, however it was declared.
  std::string source = std::string(call.source) + "\n;(typeof " + std::string(call.entry) +
                       " === 'function' ? " + std::string(call.entry) + " : undefined)";
  JS::Stencil* stencil = engine.stencil(source);
  if (!stencil) return {std::nullopt, stopped(cx, state, FailureKind::Syntax)};
  JS::InstantiateOptions options;
  JS::RootedScript script(cx, JS::InstantiateGlobalStencil(cx, options, stencil));
  JS::RootedValue entry(cx);
  if (!script || !JS_ExecuteScript(cx, script, &entry)) {
    return {std::nullopt, stopped(cx, state, FailureKind::Runtime)};
  }
  if (!entry.isObject() || !JS::IsCallable(&entry.toObject())) {
    return {std::nullopt,
            failure(FailureKind::Type, "the script does not define " + std::string(call.entry))};
  }
  JS::RootedValueArray<1> args(cx);
  if (!make_argument(cx, call.argument, args[0])) {
    return {std::nullopt, stopped(cx, state, FailureKind::Type)};
  }
  JS::RootedValue result(cx);
  if (!JS_CallFunctionValue(cx, nullptr, entry, args, &result)) {
    return {std::nullopt, stopped(cx, state, FailureKind::Runtime)};
  }
  js::RunJobs(cx);  // the async function's awaits, to the end: there are no timers to wait for
  if (state.timed_out.load() || state.out_of_memory) {
    return {std::nullopt, stopped(cx, state, FailureKind::Runtime)};
  }
  JS::RootedObject promise(cx, result.isObject() ? &result.toObject() : nullptr);
  if (!promise || !JS::IsPromiseObject(promise)) return to_object(cx, state, result);
  JS::RootedValue settled(cx, JS::GetPromiseResult(promise));
  switch (JS::GetPromiseState(promise)) {
    case JS::PromiseState::Fulfilled:
      return to_object(cx, state, settled);
    case JS::PromiseState::Rejected:
      if (state.denied) return {std::nullopt, failure(FailureKind::Denied, *state.denied)};
      return {std::nullopt, failure(FailureKind::Runtime, describe(cx, settled))};
    default:
      return {std::nullopt, failure(FailureKind::Runtime, "the returned promise never settled")};
  }
}

class SpiderMonkeyRunner final : public Runner {
 public:
  Outcome run(const Call& call) const override {
    Engine* engine = Engine::for_this_thread(call.limits.heap_bytes);
    if (!engine) {
      return {std::nullopt, failure(FailureKind::Runtime, "the script engine cannot start")};
    }
    JSContext* cx = engine->cx();
    RunState state;
    state.heap_limit = call.limits.heap_bytes;
    JS_SetContextPrivate(cx, &state);
    Outcome outcome;
    {
      Watchdog watchdog(cx, state, call.limits.time);
      JS::RootedObject global(cx, new_global(cx));
      if (!global) {
        outcome = {std::nullopt, stopped(cx, state, FailureKind::Runtime)};
      } else {
        JSAutoRealm realm(cx, global);
        outcome = call_entry(*engine, call, state);
        js::RunJobs(cx);  // whatever a failed run left queued runs here, not in the next run
        JS_ClearPendingException(cx);
      }
    }
    JS_SetContextPrivate(cx, nullptr);
    if (state.denied) outcome = {std::nullopt, failure(FailureKind::Denied, *state.denied)};
    const auto kind = outcome.failure.kind;
    if (!outcome.value && (kind == FailureKind::Timeout || kind == FailureKind::OutOfMemory)) {
      Engine::discard_this_thread();
    } else {
      JS_MaybeGC(cx);
    }
    return outcome;
  }
};

}  // namespace

std::unique_ptr<Runner> make_spidermonkey_runner() {
  return std::make_unique<SpiderMonkeyRunner>();
}

}  // namespace latch::script
