#include "Translator.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>
#include <QSettings>

namespace orch::ui {

Translator::Translator(QObject* parent) : QObject(parent)
{
    setLanguage(initialLanguage());
}

QString Translator::initialLanguage()
{
    const QString saved = QSettings().value(QStringLiteral("ui/language")).toString();
    if (!saved.isEmpty())
        return saved;
    return QLocale().language() == QLocale::Russian ? QStringLiteral("ru") : QStringLiteral("en");
}

void Translator::setLanguage(const QString& wanted)
{
    const QString language = wanted == QLatin1String("ru") ? wanted : QStringLiteral("en");
    QCoreApplication::removeTranslator(&m_translator);
    if (m_translator.load(QStringLiteral(":/i18n/orchestrator_%1.qm").arg(language)))
        QCoreApplication::installTranslator(&m_translator);
    QSettings().setValue(QStringLiteral("ui/language"), language);
    if (m_engine)
        m_engine->retranslate();
    if (m_language != language) {
        m_language = language;
        emit languageChanged();
    }
}

} // namespace orch::ui
