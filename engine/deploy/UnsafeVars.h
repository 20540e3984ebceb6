#pragma once
// Ansible variables as YAML where every string is tagged !unsafe: Ansible then never evaluates
// a value as a template, so a secret or a model-chosen name holding "{{ lookup('pipe', …) }}"
// reaches the service byte for byte and runs nothing.

#include "core/Json.h"

#include <QByteArray>

namespace orch {

QByteArray unsafeYamlVars(const Json& vars);

} // namespace orch
