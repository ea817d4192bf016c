#include "oidc/grants/token_exchange_grant.hpp"

#include <algorithm>

#include "core/json.hpp"
#include "crypto/random.hpp"
#include "oidc/grants/exchange_tokens.hpp"
#include "oidc/organization_access.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

// Logto's log key for a token exchange (LogKey ExchangeTokenBy.TokenExchange).
constexpr std::string_view kAuditKey = "ExchangeTokenBy.TokenExchange";

// The scopes an opaque token (no resource, no organization) may carry: the OIDC ones, as Logto
// filters them. offline_access is left out: an exchange issues no refresh token.
constexpr std::string_view kOidcScopes[] = {"openid",
                                            "profile",
                                            "email",
                                            "phone",
                                            "custom_data",
                                            "identities",
                                            "roles",
                                            "urn:logto:scope:organizations",
                                            "urn:logto:scope:organization_roles"};

Error invalid_grant(std::string description) {
  return make_error(Errc::InvalidGrant, std::move(description));
}

// RFC 8693 §2.1: subject_token and subject_token_type are required.
Result<void> check_required(const TokenRequest& request) {
  if (request.subject_token.empty()) {
    return make_error(Errc::InvalidRequest, "missing required parameter 'subject_token'");
  }
  if (request.subject_token_type.empty()) {
    return make_error(Errc::InvalidRequest, "missing required parameter 'subject_token_type'");
  }
  return ok();
}

// RFC 8693 §2.2.2: an access-token subject bounds the scopes; absent, it gives them.
Result<std::vector<std::string>> requested_scopes(const TokenRequest& request,
                                                  const ExchangeSubject& subject) {
  if (!subject.scopes) return request.scope.value_or(std::vector<std::string>{});
  if (!request.scope) return *subject.scopes;
  for (const auto& name : *request.scope) {
    if (!has_scope(*subject.scopes, name)) {
      return make_error(Errc::InvalidScope,
                        "scope '" + name + "' is not held by the subject token");
    }
  }
  return *request.scope;
}

std::vector<std::string> oidc_scopes(const std::vector<std::string>& scopes) {
  std::vector<std::string> out;
  for (const auto& name : scopes) {
    if (std::find(std::begin(kOidcScopes), std::end(kOidcScopes), name) != std::end(kOidcScopes)) {
      out.push_back(name);
    }
  }
  return out;
}

// RFC 8707 §2: at most one resource, which must exist.
Result<const model::Resource*> exchange_resource(const GrantContext& ctx) {
  const auto& values = ctx.request.resources;
  if (values.empty()) return static_cast<const model::Resource*>(nullptr);
  if (values.size() > 1) return make_error(Errc::InvalidTarget, "only one resource at a time");
  const model::Resource* resource = ctx.catalog.resource(values.front());
  if (!resource) return make_error(Errc::InvalidTarget, "the resource does not exist");
  return resource;
}

Result<model::User> active_user(storage::Tx& tx, const std::string& user_id) {
  auto user = tx.users().find(user_id);
  if (!user) return user.error();
  if (!*user) return invalid_grant("subject token invalid (referenced account not found)");
  if ((*user)->is_suspended) return invalid_grant("user is suspended");
  return std::move(**user);
}

// The subject token is spent with the exchange it allows (Logto: consumedAt); the conditional
// update makes a second, concurrent use fail on any node. Returns what a custom claims script
// sees of it (Logto's context.grant: the type and the token's context); empty for an access
// token exchanged.
Result<boost::json::object> consume_subject_token(storage::Tx& tx, const ExchangeSubject& subject,
                                                  std::int64_t now) {
  if (subject.subject_token_hash.empty()) return boost::json::object();
  auto consumed = tx.subject_tokens().consume(subject.subject_token_hash, now);
  if (!consumed) return consumed.error();
  if (consumed->outcome != model::ConsumeOutcome::Consumed || !consumed->value) {
    return invalid_grant("subject token is already consumed");
  }
  return boost::json::object{
      {"type", std::string(kTokenExchangeGrantType)},
      {"subjectTokenContext", json_object_or_empty(consumed->value->context_json)}};
}

void describe_subject(const ExchangeSubject& subject, AuditEvent& audit) {
  audit.user_id = subject.user_id;
  audit.payload["impersonation"] = !subject.subject_token_hash.empty();
  if (!subject.creator_id.empty()) audit.payload["subjectTokenCreatorId"] = subject.creator_id;
  if (!subject.issued_to.empty()) audit.payload["subjectTokenClientId"] = subject.issued_to;
}

}  // namespace

Result<PendingUserTokens> TokenExchangeGrant::exchange(storage::Tx& tx, const GrantContext& ctx,
                                                       AuditEvent& audit) {
  const TokenRequest& request = ctx.request;
  std::int64_t now = tokens_.clock().now_seconds();
  const std::string issuer = tokens_.config().issuer();
  auto subject = exchange_subject(tx, request.subject_token, request.subject_token_type,
                                  {keys_, issuer, ctx.catalog, now, tokens_.clock().now_millis()});
  if (!subject) return subject.error();
  describe_subject(*subject, audit);
  auto grant_context = consume_subject_token(tx, *subject, now);
  if (!grant_context) return grant_context.error();
  auto user = active_user(tx, subject->user_id);
  if (!user) return user.error();
  auto actor = exchange_actor(tx, request.actor_token, request.actor_token_type, now);
  if (!actor) return actor.error();
  if (!actor->empty()) audit.payload["actorId"] = *actor;
  auto scopes = requested_scopes(request, *subject);
  if (!scopes) return scopes.error();
  auto resource = exchange_resource(ctx);
  if (!resource) return resource.error();
  const std::string& organization_id = request.organization_id;
  if (!organization_id.empty()) {
    if (auto r = check_user_organization_access(tx, *user, organization_id); !r) return r.error();
  }
  if (!*resource && organization_id.empty()) *scopes = oidc_scopes(*scopes);
  std::int64_t ttl = tokens_.config().access_token_ttl;
  if (*resource) ttl = std::max(ttl, (*resource)->access_token_ttl);
  model::Grant grant{.id = crypto::random_id(21),
                     .user_id = user->id,
                     .client_id = ctx.client.client->app.id,
                     .scope = join_scope(*scopes),
                     .resources = *resource ? (*resource)->indicator : std::string(),
                     .created_at = now,
                     .expires_at = now + ttl};
  if (auto r = tx.grants().insert(grant); !r) return r.error();
  boost::json::object extra;
  if (!actor->empty()) extra["act"] = boost::json::object{{"sub", *actor}};
  // Logto's exchange signs the scope it grants even when that is none (scope "" in the JWT).
  if (scopes->empty() && (*resource || !organization_id.empty())) extra["scope"] = "";
  auto issued = issuer_.issue(tx, {.grant = grant,
                                   .user = *user,
                                   .client = *ctx.client.client,
                                   .scopes = *scopes,
                                   .resource = *resource,
                                   .organization_id = organization_id,
                                   .auth_time = now,
                                   .id_token_at_hash = false,
                                   .extra_claims = std::move(extra),
                                   .dpop_jkt = ctx.request.dpop_jkt,  // RFC 9449 §5
                                   .grant_type = ctx.request.grant_type,
                                   .grant_context = std::move(*grant_context)});
  if (!issued) return issued.error();
  issued->id_token_claims.reset();  // RFC 8693 §2.2.1: the exchange issues one token
  issued->response.issued_token_type = std::string(kAccessTokenType);
  audit.payload["scope"] = issued->response.scope;
  if (*resource) audit.payload["resource"] = (*resource)->indicator;
  if (!organization_id.empty()) audit.payload["organizationId"] = organization_id;
  return issued;
}

Result<void> TokenExchangeGrant::admit(const GrantContext& ctx) const {
  const model::Application& app = ctx.client.client->app;
  // oidc-provider's answer when an app's grant_types lack the grant (Logto adds it only for an
  // app with allowTokenExchange, which a third-party app cannot have).
  if (!app.allow_token_exchange || app.is_third_party) {
    return make_error(Errc::UnauthorizedClient,
                      "requested grant type is not allowed for this client");
  }
  return ok();
}

Result<TokenResponse> TokenExchangeGrant::handle(const GrantContext& ctx) {
  const model::Application& app = ctx.client.client->app;
  if (auto r = admit(ctx); !r) return r.error();
  if (auto r = check_required(ctx.request); !r) return r.error();
  AuditEvent audit{.key = std::string(kAuditKey), .application_id = app.id, .ip = ctx.ip};
  audit.payload["subjectTokenType"] = ctx.request.subject_token_type;
  std::optional<PendingUserTokens> pending;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto issued = exchange(tx, ctx, audit);
    if (!issued) return issued.error();  // nothing is kept: the subject token stays unspent
    pending = std::move(*issued);
    return ok();
  });
  // Signed after the commit. A claims script that refuses then leaves the subject token spent
  // and the exchange's grant without tokens, which expires with its ttl.
  Result<TokenResponse> result =
      done ? issuer_.finish(store_, std::move(*pending)) : Result<TokenResponse>(done.error());
  audit.success = static_cast<bool>(result);
  if (!result) audit.payload["error"] = result.error().description;
  record_audit(store_, std::move(audit), tokens_.clock().now_millis());
  return result;
}

}  // namespace latch::oidc
