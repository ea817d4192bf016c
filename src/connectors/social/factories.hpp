#pragma once

#include "connectors/social/social_connector.hpp"

// The factories Latch ships; social_factories() lists them.
namespace latch::connectors {

const ConnectorFactory& github_factory();
const ConnectorFactory& google_factory();
const ConnectorFactory& microsoft_factory();
const ConnectorFactory& oidc_factory();
const ConnectorFactory& oauth2_factory();

}  // namespace latch::connectors
