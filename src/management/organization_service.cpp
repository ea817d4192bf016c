#include "management/organization_service.hpp"

#include "crypto/random.hpp"
#include "management/organization_fields.hpp"
#include "management/organization_rules.hpp"
#include "management/role_rules.hpp"
#include "management/webhook_events.hpp"

// Organizations: create, list, read, update, delete, and the organizations of a user or an app.
namespace latch::management {
namespace {

using namespace organization_rules;

// How many members GET /api/organizations?showFeatured=true shows with each organization.
constexpr int kFeatured = 3;

Result<void> summarize(storage::Tx& tx, OrganizationSummary& summary) {
  const std::string& id = summary.organization.id;
  auto count = tx.organizations().count_users(id, "");
  if (!count) return count.error();
  auto members = tx.organizations().users(id, "", {1, kFeatured});
  if (!members) return members.error();
  summary.users_count = *count;
  for (auto& member : *members) summary.featured_users.push_back(std::move(member.user));
  return ok();
}

}  // namespace

Result<void> OrganizationService::raise(storage::Tx& tx, std::string_view event,
                                        const model::Organization& organization) const {
  return queue_data_hook(tx, event, origin_, to_json(organization), clock_.now_millis());
}

Result<model::Organization> OrganizationService::create(const OrganizationFields& fields) {
  if (!fields.name) return bad_field("name", "name is required");
  if (auto r = check_fields(fields); !r) return r.error();
  model::Organization organization{.id = crypto::random_id(21), .created_at = clock_.now_millis()};
  apply_fields(organization, fields);
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = tx.organizations().insert(organization); !r) return r;
    return raise(tx, "Organization.Created", organization);
  });
  if (!done) return done.error();
  return organization;
}

Result<Listing<OrganizationSummary>> OrganizationService::list(const OrganizationQuery& query,
                                                               storage::Page page) {
  Listing<OrganizationSummary> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    storage::OrganizationFilter filter{query.search};
    auto organizations = tx.organizations().list(filter, page);
    if (!organizations) return organizations.error();
    auto total = tx.organizations().count(filter);
    if (!total) return total.error();
    for (auto& organization : *organizations) {
      OrganizationSummary summary{.organization = std::move(organization)};
      if (query.featured) {
        if (auto r = summarize(tx, summary); !r) return r;
      }
      out.items.push_back(std::move(summary));
    }
    out.total = *total;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<model::Organization> OrganizationService::get(const std::string& id) {
  std::optional<model::Organization> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto organization = organization_in(tx, id);
    if (!organization) return organization.error();
    out = std::move(*organization);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<model::Organization> OrganizationService::update(const std::string& id,
                                                        const OrganizationFields& fields) {
  if (auto r = check_fields(fields); !r) return r.error();
  std::optional<model::Organization> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.organizations().find(id);
    if (!found) return found.error();
    if (!*found) {
      return keyed_error(Errc::NotFound, "entity.not_exists", "organization " + id);
    }
    apply_fields(**found, fields);
    if (auto r = tx.organizations().update(**found); !r) return r;
    if (auto r = raise(tx, "Organization.Data.Updated", **found); !r) return r;
    out = std::move(**found);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<void> OrganizationService::remove(const std::string& id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.organizations().find(id);
    if (!found) return found.error();
    if (*found) {
      if (auto r = raise(tx, "Organization.Deleted", **found); !r) return r;
    }
    return removed(tx.organizations().remove(id), "organization " + id);
  });
}

Result<std::vector<storage::Membership>> OrganizationService::memberships_of_user(
    const std::string& user_id) {
  std::vector<storage::Membership> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto user = role_rules::user_in(tx, user_id); !user) return user.error();
    auto memberships = tx.organizations().memberships_of_user(user_id);
    if (!memberships) return memberships.error();
    out = std::move(*memberships);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<Listing<storage::Membership>> OrganizationService::memberships_of_application(
    const std::string& app_id, std::optional<storage::Page> page) {
  Listing<storage::Membership> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto app = role_rules::app_in(tx, app_id); !app) return app.error();
    auto memberships = tx.organizations().memberships_of_application(app_id);
    if (!memberships) return memberships.error();
    out.total = static_cast<std::int64_t>(memberships->size());
    out.items =
        page ? role_rules::page_slice(std::move(*memberships), *page) : std::move(*memberships);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace latch::management
