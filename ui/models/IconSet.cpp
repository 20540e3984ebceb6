#include "IconSet.h"

#include "core/Log.h"

#include <QFile>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace orch::ui {

QString IconSet::path(const QString& name)
{
    if (auto cached = m_paths.constFind(name); cached != m_paths.cend())
        return *cached;
    static const QRegularExpression kName(QStringLiteral("^[a-z][a-z-]{0,39}$"));
    QString data;
    if (kName.match(name).hasMatch()) {
        QFile file(QStringLiteral(":/Orchestrator/Ui/icons/%1.svg").arg(name));
        if (file.open(QIODevice::ReadOnly))
            data = pathData(file.read(64 * 1024));
    }
    if (data.isEmpty())
        log::get("ui")->warn("no bundled icon named \"{}\"", name.left(40).toStdString());
    m_paths.insert(name, data);
    return data;
}

QString IconSet::pathData(const QByteArray& svg)
{
    QXmlStreamReader xml(svg);
    QStringList parts;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("path"))
            parts << xml.attributes().value(QLatin1String("d")).toString().simplified();
    }
    if (xml.hasError())
        return {};
    parts.removeAll(QString());
    return parts.join(QLatin1Char(' '));
}

} // namespace orch::ui
