#pragma once

namespace latch::server {

// The `latch` command line: serve, app, resource, keys, db. Returns the exit code.
int run_cli(int argc, char** argv);

}  // namespace latch::server
