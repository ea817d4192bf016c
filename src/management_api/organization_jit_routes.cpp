#include "management/organization_service.hpp"
#include "management/organization_template_service.hpp"
#include "management_api/management_api.hpp"
#include "management_api/organization_kit.hpp"

// Just-in-time provisioning rules of an organization (Logto's organization/jit/: email domains
// and default organization roles). Lists are paginated only when asked to be.
namespace latch::management_api {
namespace {

namespace json = boost::json;
using namespace organization_kit;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::OrganizationService service(const Deps& d) { return {d.store, d.clock}; }

// Logto's OrganizationJitEmailDomains.guard without tenantId.
json::object domain_json(const std::string& organization_id, const std::string& domain) {
  return {{"organizationId", organization_id}, {"emailDomain", domain}};
}

Result<http::Response> list_domains(const Deps& d, const Call& c) {
  auto page = optional_page(c);
  if (!page) return page.error();
  std::string id = param(c, "id");
  return listing(service(d).email_domains(id, *page),
                 [&](const std::string& domain) { return domain_json(id, domain); });
}

Result<http::Response> add_domain(const Deps& d, const Call& c) {
  auto domain = sole_string(c.body, "emailDomain");
  if (!domain) return domain.error();
  std::string id = param(c, "id");
  return one(service(d).add_email_domain(id, *domain), status::created,
             [&](const std::string& added) { return domain_json(id, added); });
}

Result<http::Response> replace_domains(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"emailDomains"}); !r) return r.error();
  auto domains = strings_field(c.body, "emailDomains");
  if (!domains) return domains.error();
  if (!*domains) {
    return with_field(make_error(Errc::InvalidRequest, "emailDomains is required"), "emailDomains");
  }
  return done(service(d).replace_email_domains(param(c, "id"), **domains), status::no_content);
}

Result<http::Response> remove_domain(const Deps& d, const Call& c) {
  auto removed = service(d).remove_email_domain(param(c, "id"), param(c, "emailDomain"));
  return done(std::move(removed), status::no_content);
}

Result<http::Response> list_roles(const Deps& d, const Call& c) {
  auto page = optional_page(c);
  if (!page) return page.error();
  return listing(service(d).jit_roles(param(c, "id"), *page),
                 [](const model::OrganizationRole& r) { return management::to_json(r); });
}

template <bool replace>
Result<http::Response> set_roles(const Deps& d, const Call& c) {
  auto ids = sole_ids(c.body, "organizationRoleIds", !replace);
  if (!ids) return ids.error();
  auto set = service(d).set_jit_roles(param(c, "id"), *ids, replace);
  return done(std::move(set), replace ? status::no_content : status::created);
}

Result<http::Response> remove_role(const Deps& d, const Call& c) {
  auto removed = service(d).remove_jit_role(param(c, "id"), param(c, "organizationRoleId"));
  return done(std::move(removed), status::no_content);
}

}  // namespace

void ManagementApi::mount_organization_jit(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/organizations/:id/jit/email-domains", "List an organization's JIT email domains",
       list_domains},
      {post, "/organizations/:id/jit/email-domains", "Add a JIT email domain", add_domain},
      {put, "/organizations/:id/jit/email-domains", "Replace the JIT email domains",
       replace_domains},
      {delete_, "/organizations/:id/jit/email-domains/:emailDomain", "Remove a JIT email domain",
       remove_domain},
      {get, "/organizations/:id/jit/roles", "List an organization's JIT organization roles",
       list_roles},
      {post, "/organizations/:id/jit/roles", "Add JIT organization roles", set_roles<false>},
      {put, "/organizations/:id/jit/roles", "Replace the JIT organization roles", set_roles<true>},
      {delete_, "/organizations/:id/jit/roles/:organizationRoleId",
       "Remove a JIT organization role", remove_role},
  });
}

}  // namespace latch::management_api
