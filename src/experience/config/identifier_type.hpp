#pragma once

#include <optional>
#include <string_view>

// The identifiers a person signs up and in with (Logto's SignInIdentifier), shared by the sign-in
// experience settings and the flow.
namespace latch::experience {

enum class IdentifierType { Username, Email, Phone };

// "username", "email", "phone": the name in the settings, the experience API and the stored
// interaction state.
std::string_view identifier_type_name(IdentifierType type);
// The type `text` names exactly; nullopt for anything else.
std::optional<IdentifierType> parse_identifier_type(std::string_view text);

}  // namespace latch::experience
