#pragma once
// What Caddy's own log says about a domain's certificate: when a deploy to a real domain
// fails its TLS handshake, the ACME error (a name that does not resolve, a challenge that
// cannot be reached, a rate limit, a CAA record) is the reason to report, not the handshake.

#include "deploy/DeploySettings.h"

namespace orch {

// The last error Caddy logged while obtaining `domain`'s certificate on this machine ("" when
// none, or when Caddy runs on a server). Reads at most the log's last 256 KiB.
QString certificateProblem(const DeploySettings& settings, const QString& domain);
// A failed health check (`why`) of the service at `domain` told as the certificate's failure,
// when Caddy logged one for it; "" otherwise.
QString certificateFailure(const DeploySettings& settings, const QString& domain,
                           const QString& why);

} // namespace orch
