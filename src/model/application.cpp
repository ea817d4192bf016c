#include "model/application.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace latch::model {

std::string_view app_type_name(AppType type) {
  switch (type) {
    case AppType::Traditional:
      return "Traditional";
    case AppType::Spa:
      return "SPA";
    case AppType::Native:
      return "Native";
    case AppType::MachineToMachine:
      return "MachineToMachine";
  }
  return "Traditional";
}

std::optional<AppType> parse_app_type(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "traditional") return AppType::Traditional;
  if (lower == "spa") return AppType::Spa;
  if (lower == "native") return AppType::Native;
  if (lower == "m2m" || lower == "machinetomachine" || lower == "machine-to-machine") {
    return AppType::MachineToMachine;
  }
  return std::nullopt;
}

bool is_confidential(AppType type) {
  return type == AppType::Traditional || type == AppType::MachineToMachine;
}

}  // namespace latch::model
