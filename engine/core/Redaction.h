#pragma once
// The last line of defence for secret values: whatever a tool, a service or a model let
// through, every value the vault holds (and the keys the engine was given) is replaced by its
// handle wherever text leaves this process or is kept — log lines, stored steps, events and
// journal entries, reports, chat messages and model requests. The vault keeps the set
// current; until it is set, nothing is changed.

#include "core/Json.h"
#include "core/SecretScrub.h"

#include <QString>
#include <string>

namespace orch::redaction {

// Redaction is for long values: a short one would be found in ordinary text and change
// stored state that runs depend on.
constexpr qsizetype kShortest = 8;

// Every secret of the vault, replacing those set before.
void setVaultSecrets(const std::vector<std::pair<QString, QByteArray>>& secrets);
// A value the engine holds outside the vault (an API key from the environment).
void addValue(const QString& name, const QByteArray& value);

bool active();
std::string text(std::string value);
QString text(const QString& value);
QByteArray bytes(const QByteArray& value);
Json json(const Json& value);

} // namespace orch::redaction
