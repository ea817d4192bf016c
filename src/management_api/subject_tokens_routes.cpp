#include "management/subject_token_service.hpp"
#include "management_api/management_api.hpp"

// /api/subject-tokens: subject tokens for token exchange (RFC 8693), with which an app that may
// exchange tokens acts as a user (Logto's routes/subject-token.ts).
namespace latch::management_api {
namespace {

using http::bhttp::status;

// {userId, context?} → 201 {subjectToken, expiresIn}.
Result<http::Response> create_subject_token(const ManagementApiDeps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"userId", "context"}); !r) return r.error();
  auto user_id = string_field(c.body, "userId");
  if (!user_id) return user_id.error();
  if (!*user_id) {
    return with_field(make_error(Errc::InvalidRequest, "userId is required"), "userId");
  }
  auto context = object_field(c.body, "context");
  if (!context) return context.error();
  management::SubjectTokenService service(d.store, d.clock);
  auto created = service.create({.user_id = **user_id,
                                 .context = context->value_or(boost::json::object{}),
                                 .creator_id = c.caller.subject});
  if (!created) return created.error();
  boost::json::object body{{"subjectToken", created->subject_token},
                           {"expiresIn", created->expires_in}};
  return http::json_response(status::created, body);
}

}  // namespace

void ManagementApi::mount_subject_tokens(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {post, "/subject-tokens", "Create a new subject token", create_subject_token},
  });
}

}  // namespace latch::management_api
