#pragma once
// The interface language: installed before the QML loads, and switched at run time by
// reinstalling the translation and retranslating every qsTr binding, without a restart.
// The choice is remembered.

#include <QObject>
#include <QQmlEngine>
#include <QTranslator>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class Translator : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app creates the translator")
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)

public:
    explicit Translator(QObject* parent = nullptr);
    // The engine whose bindings follow a switch.
    void setEngine(QQmlEngine* engine) { m_engine = engine; }

    QString language() const { return m_language; }
    // "en" or "ru"; anything else falls back to English.
    void setLanguage(const QString& language);
    // The saved choice, else the system locale's language.
    static QString initialLanguage();

signals:
    void languageChanged();

private:
    QString m_language;
    QTranslator m_translator;
    QQmlEngine* m_engine = nullptr;
};

} // namespace orch::ui
