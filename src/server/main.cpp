#include "server/cli.hpp"

int main(int argc, char** argv) { return latch::server::run_cli(argc, argv); }
