#include "Appearance.h"

#include <QEvent>
#include <QGuiApplication>
#include <QPalette>
#include <QSettings>

namespace orch::ui {

namespace {
const QString kSetting = QStringLiteral("ui/theme");
}

Appearance::Appearance(QObject* parent) : QObject(parent)
{
    m_mode = QSettings().value(kSetting, QStringLiteral("system")).toString();
    if (m_mode != QLatin1String("light") && m_mode != QLatin1String("dark"))
        m_mode = QStringLiteral("system");
    m_dark =
        m_mode == QLatin1String("dark") || (m_mode == QLatin1String("system") && systemIsDark());
    // Qt 6.4 has no colour-scheme hint: a palette change is how a system switch arrives.
    if (qApp)
        qApp->installEventFilter(this);
}

void Appearance::setMode(const QString& wanted)
{
    const QString mode = wanted == QLatin1String("light") || wanted == QLatin1String("dark")
                             ? wanted
                             : QStringLiteral("system");
    QSettings().setValue(kSetting, mode);
    if (mode == m_mode)
        return;
    m_mode = mode;
    update();
    emit changed();
}

bool Appearance::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange &&
        m_mode == QLatin1String("system")) {
        const bool wasDark = m_dark;
        update();
        if (m_dark != wasDark)
            emit changed();
    }
    return QObject::eventFilter(watched, event);
}

void Appearance::update()
{
    m_dark =
        m_mode == QLatin1String("dark") || (m_mode == QLatin1String("system") && systemIsDark());
}

bool Appearance::systemIsDark()
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

} // namespace orch::ui
