#pragma once

#include <string_view>
#include <vector>

namespace latch::console {

// One file of web/console, embedded at build time (cmake/embed_assets.cmake).
struct EmbeddedAsset {
  std::string_view path;  // relative to web/console, e.g. "lib/api.js"
  std::string_view body;
};

const std::vector<EmbeddedAsset>& embedded_assets();

}  // namespace latch::console
