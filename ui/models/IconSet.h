#pragma once
// The bundled line icons (ui/icons/*.svg, 24×24, stroked): their path data, joined into one
// SVG path for a QtQuick Shape, so icons need no SVG image plugin.

#include <QHash>
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class IconSet : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit IconSet(QObject* parent = nullptr) : QObject(parent) {}

    // The icon's path data; empty (with a warning) for a name that is not bundled.
    Q_INVOKABLE QString path(const QString& name);
    // Every `d` of the SVG document, in order; empty when it has none or is not SVG.
    static QString pathData(const QByteArray& svg);

private:
    QHash<QString, QString> m_paths;
};

} // namespace orch::ui
