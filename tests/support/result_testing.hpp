#pragma once

#include <boost/assert/source_location.hpp>
#include <ostream>
#include <stdexcept>
#include <string>

#include "core/result.hpp"

namespace latch {

// Lets tests call Result<T>::value(): boost::system::result finds this by argument-dependent
// lookup and throws it for an error, which GoogleTest reports with the code and description.
// Production code checks results instead (see STYLE.md, Errors).
[[noreturn]] inline void throw_exception_from_error(const Error& error,
                                                    const boost::source_location&) {
  throw std::runtime_error(std::string(errc_name(error.code)) + ": " + error.description);
}

// So GoogleTest prints error codes by name.
inline void PrintTo(Errc code, std::ostream* os) { *os << errc_name(code); }

}  // namespace latch
