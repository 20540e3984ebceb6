#pragma once
// The settings the desktop edits: the provider profiles and the Telegram bot of the settings
// file orchestratord and the in-process engine read (other settings in the file are kept as
// they are), with the problems the engine's own checks find; and API keys and the bot token,
// which go into the local vault, never into the file. Changes apply at the next start.

#include "core/Json.h"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace orch {
class Engine;
}

namespace orch::ui {

class SettingsController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app creates the settings controller")
    Q_PROPERTY(QString path READ path CONSTANT)
    Q_PROPERTY(QVariantList providers READ providers NOTIFY changed) // {kind, baseUrl, keySecret}
    Q_PROPERTY(QString telegramTokenSecret READ telegramTokenSecret NOTIFY changed)
    Q_PROPERTY(QString admins READ admins NOTIFY changed) // "1, 2"
    Q_PROPERTY(QString users READ users NOTIFY changed)
    Q_PROPERTY(QStringList problems READ problems NOTIFY changed)
    Q_PROPERTY(bool canStoreSecrets READ canStoreSecrets CONSTANT)

public:
    // `vaultOwner`: the engine whose vault keeps keys (null: secrets cannot be stored here).
    SettingsController(QString path, Engine* vaultOwner, QObject* parent = nullptr);

    QString path() const { return m_path; }
    QVariantList providers() const;
    QString telegramTokenSecret() const;
    QString admins() const;
    QString users() const;
    QStringList problems() const { return m_problems; }
    bool canStoreSecrets() const { return m_vaultOwner != nullptr; }

    // kind: openai | anthropic; an empty base URL removes the profile.
    Q_INVOKABLE void setProvider(const QString& kind, const QString& baseUrl,
                                 const QString& keySecret);
    // Ids separated by commas or spaces; returns false (and changes nothing) on a non-number.
    Q_INVOKABLE bool setTelegram(const QString& tokenSecret, const QString& admins,
                                 const QString& users);
    Q_INVOKABLE bool save();
    // Seals `value` in the vault under `handle`; returns an error message or "".
    Q_INVOKABLE QString storeSecret(const QString& handle, const QString& value);

signals:
    void changed();

private:
    void check();

    QString m_path;
    Engine* m_vaultOwner;
    Json m_document = Json::object();
    QStringList m_problems;
};

} // namespace orch::ui
