#include "model/device_code.hpp"

namespace latch::model {

std::string_view device_code_status_name(DeviceCodeStatus status) {
  switch (status) {
    case DeviceCodeStatus::Approved:
      return "approved";
    case DeviceCodeStatus::Denied:
      return "denied";
    case DeviceCodeStatus::Pending:
      break;
  }
  return "pending";
}

DeviceCodeStatus parse_device_code_status(std::string_view text) {
  if (text == "approved") return DeviceCodeStatus::Approved;
  if (text == "denied") return DeviceCodeStatus::Denied;
  return DeviceCodeStatus::Pending;
}

}  // namespace latch::model
