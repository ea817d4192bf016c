#pragma once

#include <string>
#include <string_view>

// The 6-digit codes sent by email or SMS, shared by the sign-in flow and the account center.
namespace latch::experience {

// A fresh code of six decimal digits (leading zeros kept), from the system's CSPRNG.
std::string new_six_digit_code();
// What is stored instead of the code: a hash bound to the record `record_id` it belongs to.
std::string one_time_code_hash(std::string_view record_id, std::string_view code);
// True when `code` is six decimal digits.
bool is_six_digit_code(std::string_view code);

}  // namespace latch::experience
