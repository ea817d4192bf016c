#include "experience/config/identifier_type.hpp"

#include "core/enum_names.hpp"

namespace latch::experience {
namespace {

constexpr NameTable<IdentifierType, 3> kIdentifierTypes = {
    {IdentifierType::Username, "username"},
    {IdentifierType::Email, "email"},
    {IdentifierType::Phone, "phone"},
};

}  // namespace

std::string_view identifier_type_name(IdentifierType type) {
  return name_in(kIdentifierTypes, type);
}

std::optional<IdentifierType> parse_identifier_type(std::string_view text) {
  return parse_in(kIdentifierTypes, text);
}

}  // namespace latch::experience
