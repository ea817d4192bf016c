#pragma once

#include <string_view>

namespace latch::storage::migrations {

// Migration 1: every table the repositories need (see v1_initial_schema.cpp).
extern const std::string_view kV1InitialSchema;

}  // namespace latch::storage::migrations
