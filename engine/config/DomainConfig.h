#pragma once
// The `acme` and `domains` sections of the settings file (DomainConfig.cpp).

#include "deploy/DeploySettings.h"
#include "dns/DomainSettings.h"

namespace orch {

class SettingsReader;

// Certificates for real domains: the ACME directory, the contact, a private server's roots.
void readAcme(SettingsReader& in, DeploySettings& deploy);
// The zones and their providers; sets `deploy.domainSuffix` to the zone of this machine.
void readDomains(SettingsReader& in, dns::DomainSettings& domains, DeploySettings& deploy);

} // namespace orch
