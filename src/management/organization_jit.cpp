#include <algorithm>
#include <cctype>

#include "management/organization_rules.hpp"
#include "management/organization_service.hpp"
#include "management/role_rules.hpp"

// Just-in-time provisioning rules of an organization: OrganizationService's email domain and
// JIT role calls (Logto's /api/organizations/:id/jit/email-domains and /:id/jit/roles).
namespace latch::management {
namespace {

using namespace organization_rules;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A domain as stored: lower case, 1 to 128 characters, no '@', no spaces or controls.
Result<std::string> domain_of(std::string_view field, std::string_view text) {
  bool bad = text.empty() || text.size() > 128 ||
             std::any_of(text.begin(), text.end(),
                         [](unsigned char c) { return c == '@' || c <= ' ' || c == 0x7F; });
  if (bad) {
    return bad_field(std::string(field),
                     std::string(field) + " must be email domains such as example.com");
  }
  return lower(text);
}

template <class T>
Listing<T> paged(std::vector<T> items, std::optional<storage::Page> page) {
  Listing<T> out;
  out.total = static_cast<std::int64_t>(items.size());
  out.items = page ? role_rules::page_slice(std::move(items), *page) : std::move(items);
  return out;
}

}  // namespace

Result<Listing<std::string>> OrganizationService::email_domains(const std::string& id,
                                                                std::optional<storage::Page> page) {
  Listing<std::string> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto organization = organization_in(tx, id); !organization) return organization.error();
    auto domains = tx.organizations().jit_email_domains(id);
    if (!domains) return domains.error();
    out = paged(std::move(*domains), page);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::string> OrganizationService::add_email_domain(const std::string& id,
                                                          const std::string& text) {
  auto domain = domain_of("emailDomain", text);
  if (!domain) return domain.error();
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = organization_exists(tx, id); !r) return r;
    return tx.organizations().add_jit_email_domain(id, *domain);
  });
  if (!done) return done.error();
  return std::move(*domain);
}

Result<void> OrganizationService::replace_email_domains(const std::string& id,
                                                        const std::vector<std::string>& texts) {
  std::vector<std::string> domains;
  for (const auto& text : texts) {
    auto domain = domain_of("emailDomains", text);
    if (!domain) return domain.error();
    domains.push_back(std::move(*domain));
  }
  domains = role_rules::unique(domains);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = organization_exists(tx, id); !r) return r;
    return tx.organizations().replace_jit_email_domains(id, domains);
  });
}

Result<void> OrganizationService::remove_email_domain(const std::string& id,
                                                      const std::string& domain) {
  return store_.transact([&](storage::Tx& tx) {
    return removed(tx.organizations().remove_jit_email_domain(id, lower(domain)),
                   "organization " + id + " has no JIT email domain " + domain);
  });
}

Result<Listing<model::OrganizationRole>> OrganizationService::jit_roles(
    const std::string& id, std::optional<storage::Page> page) {
  Listing<model::OrganizationRole> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto organization = organization_in(tx, id); !organization) return organization.error();
    auto roles = tx.organizations().jit_roles(id);
    if (!roles) return roles.error();
    out = paged(std::move(*roles), page);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> OrganizationService::set_jit_roles(const std::string& id,
                                                const std::vector<std::string>& role_ids,
                                                bool replace) {
  auto ids = role_rules::unique(role_ids);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = organization_exists(tx, id); !r) return r;
    if (auto r = check_roles(tx, ids, model::RoleType::User); !r) return r;
    return replace ? tx.organizations().replace_jit_roles(id, ids)
                   : tx.organizations().add_jit_roles(id, ids);
  });
}

Result<void> OrganizationService::remove_jit_role(const std::string& id,
                                                  const std::string& role_id) {
  return store_.transact([&](storage::Tx& tx) {
    return removed(tx.organizations().remove_jit_role(id, role_id),
                   "organization " + id + " has no JIT role " + role_id);
  });
}

}  // namespace latch::management
