#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "server/runtime.hpp"

namespace latch::server {

// A command's action, run after parsing with the opened runtime. Returns the exit code.
using Action = std::function<int(Runtime&)>;

// Each adds its subcommands to `app` and stores the chosen action in `action`.
void add_app_commands(CLI::App& app, Action& action);
void add_resource_commands(CLI::App& app, Action& action);
void add_key_commands(CLI::App& app, Action& action);
void add_db_commands(CLI::App& app, Action& action);
// latch db export / import, under `db` (cli_dump.cpp).
void add_dump_commands(CLI::App& db, Action& action);
void add_user_commands(CLI::App& app, Action& action);
// latch user mfa list / reset, under `user` (cli_user_mfa.cpp).
void add_user_mfa_commands(CLI::App& user, Action& action);
// latch role ... (cli_roles.cpp).
void add_role_commands(CLI::App& app, Action& action);
// latch connector ... (cli_connectors.cpp).
void add_connector_commands(CLI::App& app, Action& action);
// latch import logto|auth0|keycloak (cli_import.cpp).
void add_import_commands(CLI::App& app, Action& action);
// latch experience ..., latch email ..., latch sms ... (cli_experience.cpp).
void add_experience_commands(CLI::App& app, Action& action);

// What `latch connector add` reports when creating a connector of `factory` failed with `error`:
// an unknown factory (connector.social_not_found) names the command that lists them.
Error connector_create_failure(const Error& error, const std::string& factory);

// Prints `error: ` and the error's English text (the phrase of its key, else its description),
// then its detail, to stderr and returns 1.
int fail(const Error& error);

}  // namespace latch::server
