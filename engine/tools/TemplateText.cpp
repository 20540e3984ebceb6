#include "tools/TemplateText.h"

#include <QRegularExpression>

namespace orch {
namespace {

QString oneLine(QString value)
{
    for (QChar& c : value)
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    return value;
}

} // namespace

QString pythonStringLiteral(const QString& value)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if (u == '\\' || u == '"')
            out += QLatin1Char('\\') + c;
        else if (u < 0x20 || u == 0x7f || c.isSurrogate() || u == 0x2028 || u == 0x2029)
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

Result<QString> fillTemplate(const QString& text, const QHash<QString, QString>& values,
                             bool pythonSource)
{
    static const QRegularExpression placeholder(
        QStringLiteral(R"(\{\{([a-z_]+)(?:\|([a-z]+))?\}\})"));
    QString out;
    qsizetype from = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += text.mid(from, match.capturedStart() - from);
        from = match.capturedEnd();
        const QString key = match.captured(1);
        const QString filter = match.captured(2);
        if (!values.contains(key))
            return Error{QStringLiteral("template: unknown placeholder '%1'").arg(key)};
        const QString value = values.value(key);
        if (filter == QLatin1String("py"))
            out += pythonStringLiteral(value);
        else if (filter == QLatin1String("line"))
            out += oneLine(value);
        else if (filter.isEmpty() && !pythonSource)
            out += value;
        else
            return Error{QStringLiteral("template: '%1' cannot stand %2")
                             .arg(match.captured(0),
                                  filter.isEmpty() ? QStringLiteral("bare in Python source")
                                                   : QStringLiteral("with an unknown filter"))};
    }
    out += text.mid(from);
    return out;
}

} // namespace orch
