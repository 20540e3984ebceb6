#pragma once
// Settings documents for the tests of the settings file: the least a server needs, and the
// problems a document has (empty: none).

#include "config/ServerConfig.h"

namespace orch::test {

inline Json minimal()
{
    return {{"database", "o.db"},
            {"workspace_root", "ws"},
            {"reports_dir", "reports"},
            {"replay_script", "demo.json"},
            {"deploy",
             {{"root", "deploy"},
              {"http_port", 18080},
              {"https_port", 18443},
              {"caddy_admin_port", 12019},
              {"service_ports", {{"first", 18100}, {"last", 18199}}}}}};
}

inline QString problemsOf(const Json& document)
{
    auto config = ServerConfig::fromJson(document, "/etc/orch");
    return config ? QString() : config.error();
}

} // namespace orch::test
