#include "model/organization.hpp"

#include "core/enum_names.hpp"

namespace latch::model {
namespace {

constexpr NameTable<InvitationStatus, 4> kStatusNames{
    {InvitationStatus::Pending, "Pending"},
    {InvitationStatus::Accepted, "Accepted"},
    {InvitationStatus::Expired, "Expired"},
    {InvitationStatus::Revoked, "Revoked"},
};

}  // namespace

std::string_view invitation_status_name(InvitationStatus status) {
  return name_in(kStatusNames, status);
}

std::optional<InvitationStatus> parse_invitation_status(std::string_view text) {
  return parse_in(kStatusNames, text);
}

}  // namespace latch::model
