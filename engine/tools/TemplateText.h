#pragma once
// Fills a bundled template's placeholders with values the model influenced (the project's
// name and description), escaped for where they stand:
//   {{key}}       the text as it is (Markdown prose)
//   {{key|line}}  one line: control characters become spaces (titles, comments)
//   {{key|py}}    a Python string literal, quotes included
// In a Python file a bare {{key}} is an error, so a template cannot paste text into code.

#include "core/Result.h"

#include <QHash>
#include <QString>

namespace orch {

Result<QString> fillTemplate(const QString& text, const QHash<QString, QString>& values,
                             bool pythonSource);

// A Python string literal holding exactly `value`.
QString pythonStringLiteral(const QString& value);

} // namespace orch
