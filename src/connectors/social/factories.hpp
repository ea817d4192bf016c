#pragma once

#include "connectors/social/social_connector.hpp"

// The factories Latch ships; social_factories() lists them.
namespace latch::connectors {

const ConnectorFactory& github_factory();

}  // namespace latch::connectors
