#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/request.hpp"

// Helpers shared by the page handlers.
namespace latch::experience {

// The browser's interaction uid (cookie), or nullopt.
std::optional<std::string> interaction_uid(const http::Request& req);
// The form of a POST (InvalidRequest for another content type or bad encoding).
[[nodiscard]] Result<http::Params> form_of(const http::Request& req);
// Where the OP resumes interaction `uid`.
std::string resume_url(const std::string& uid);

}  // namespace latch::experience
