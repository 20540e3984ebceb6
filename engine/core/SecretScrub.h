#pragma once
// Replaces the values of secrets in text by their handles: each value as written and in the
// encodings a program is likely to print it in (base64 with and without padding, base64url,
// hex in both cases, URL encoding). Used for a project's secrets on what tools bring back,
// and for every secret of the vault wherever text leaves the process (Redaction.h).

#include "core/Json.h"

#include <QByteArray>
#include <QString>
#include <string>
#include <utility>
#include <vector>

namespace orch {

class SecretScrub
{
public:
    // Values shorter than this are not secrets worth hiding (and would mangle ordinary text).
    static constexpr qsizetype kShortest = 6;

    void add(const QString& handle, const QByteArray& value);
    bool empty() const { return m_needles.empty(); }
    std::string scrub(std::string text) const;
    // Every string in `value`, object keys included.
    Json scrub(const Json& value) const;

private:
    std::vector<std::pair<std::string, std::string>> m_needles; // encoded value → its mark
};

} // namespace orch
