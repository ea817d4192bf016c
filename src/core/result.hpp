#pragma once

#include <boost/system/result.hpp>

#include "core/error.hpp"

namespace latch {

// Every fallible function in a module's header returns Result<T>. Check it before use:
//   auto app = repo.find(id); if (!app) return app.error();
template <class T>
using Result = boost::system::result<T, Error>;

// Shorthand for a successful Result<void>.
inline Result<void> ok() { return {}; }

}  // namespace latch
