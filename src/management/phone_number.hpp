#pragma once

#include <optional>
#include <string>
#include <string_view>

// Phone numbers as Logto stores them (its PhoneNumberParser over libphonenumber): the country
// calling code and the national significant number, digits only, without the "+" and without
// the national prefix a number is often written with after the country code ("61 0412 345 678"
// is "61412345678"). Pure functions; thread-safe.
namespace latch::management {

struct PhoneNumber {
  std::string country_code;     // "61"
  std::string national_number;  // "412345678"

  // How Logto stores the number: "61412345678".
  std::string international() const { return country_code + national_number; }
  // The same with a "0" before the national number ("610412345678"), the form users often typed
  // and older stores kept; Logto treats both as one number.
  std::string with_leading_zero() const { return country_code + "0" + national_number; }
};

// `text` ("+61 0412 345 678", "610412345678") parsed as an international number: the digits
// after an optional "+", spaces, dashes and brackets ignored. nullopt when the digits begin with
// no assigned country calling code, or the national number is shorter than 2 or longer than 17
// digits (libphonenumber's NOT_A_NUMBER, INVALID_COUNTRY, TOO_SHORT, TOO_LONG). The national
// prefix of the country ("0" in most, "1" in the North American plan, "8" in Russia and
// Kazakhstan, "06" in Hungary) is dropped when at least 4 digits follow it.
std::optional<PhoneNumber> parse_phone_number(std::string_view text);

}  // namespace latch::management
