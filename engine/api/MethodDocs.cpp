#include "api/MethodDocs.h"

#include "api/EngineMethods.h"

namespace orch::api {

QStringList methodNames()
{
    QStringList names;
#define ORCH_NAME_CALL(function, wire, Params, Answer, key, doc) names << QStringLiteral(wire);
    ORCH_ENGINE_METHODS(ORCH_NAME_CALL)
#undef ORCH_NAME_CALL
    return names;
}

QString methodListMarkdown()
{
    QStringList rows{QStringLiteral("| method | params | result |"),
                     QStringLiteral("|---|---|---|")};
#define ORCH_DOCUMENT_CALL(function, wire, Params, Answer, key, doc)                               \
    {                                                                                              \
        const QStringList params = fieldNames<Params>();                                           \
        rows << QStringLiteral("| `%1` | %2 | %3 |")                                               \
                    .arg(QStringLiteral(wire),                                                     \
                         params.isEmpty() ? QStringLiteral("—")                                    \
                                          : params.join(QStringLiteral(", ")),                     \
                         QStringLiteral(doc));                                                     \
    }
    ORCH_ENGINE_METHODS(ORCH_DOCUMENT_CALL)
#undef ORCH_DOCUMENT_CALL
    return rows.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace orch::api
