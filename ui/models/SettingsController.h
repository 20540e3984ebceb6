#pragma once
// The settings the desktop edits: the provider profiles and the Telegram bot of the settings
// file orchestratord and the in-process engine read (other settings in the file are kept as
// they are), with the problems the engine's own checks find; and API keys and the bot token,
// which go into the local vault, never into the file. Changes apply at the next start.

#include "core/Json.h"
#include "core/Result.h"

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <functional>

namespace orch::ui {

// What the settings view needs from the program around it, so the view does not reach into
// the engine: the engine's own checks of a settings document, and the local vault.
struct SettingsServices
{
    // The problems in `document` (relative paths from `baseDir`); empty: none.
    std::function<QStringList(const Json& document, const QString& baseDir)> check;
    // Seals a secret in the local vault; unset when secrets live on a remote server.
    std::function<Result<void>(const QString& handle, const QByteArray& value)> storeSecret;
};

class SettingsController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app creates the settings controller")
    Q_PROPERTY(QString path READ path CONSTANT)
    // {name, kind, baseUrl, keySecret, builtIn}: openai and anthropic always, then any other
    // named provider of the file (an OpenAI- or Anthropic-compatible API: OpenRouter, a vLLM).
    Q_PROPERTY(QVariantList providers READ providers NOTIFY changed)
    // {profile: {provider, model}}: the settings' choice for a graph's model profile, which wins
    // over the graph's own (`model_profiles` of the file).
    Q_PROPERTY(QVariantMap profileChoices READ profileChoices NOTIFY changed)
    Q_PROPERTY(QString telegramTokenSecret READ telegramTokenSecret NOTIFY changed)
    Q_PROPERTY(QString admins READ admins NOTIFY changed) // "1, 2"
    Q_PROPERTY(QString users READ users NOTIFY changed)
    Q_PROPERTY(QStringList problems READ problems NOTIFY changed)
    Q_PROPERTY(bool canStoreSecrets READ canStoreSecrets CONSTANT)

public:
    SettingsController(QString path, SettingsServices services, QObject* parent = nullptr);

    QString path() const { return m_path; }
    QVariantList providers() const;
    QVariantMap profileChoices() const;
    QString telegramTokenSecret() const;
    QString admins() const;
    QString users() const;
    QStringList problems() const { return m_problems; }
    bool canStoreSecrets() const { return bool(m_services.storeSecret); }

    // kind: openai | anthropic; an empty base URL removes the profile.
    Q_INVOKABLE void setProvider(const QString& kind, const QString& baseUrl,
                                 const QString& keySecret);
    // A provider by its own name with the kind of API it speaks; returns an error or "". Until
    // it has a base URL the engine's check names it among the problems.
    Q_INVOKABLE QString setNamedProvider(const QString& name, const QString& kind,
                                         const QString& baseUrl, const QString& keySecret);
    Q_INVOKABLE void removeProvider(const QString& name);
    // An empty provider gives the profile back to the graph; returns an error or "".
    Q_INVOKABLE QString setProfileChoice(const QString& profile, const QString& provider,
                                         const QString& model);
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
    SettingsServices m_services;
    Json m_document = Json::object();
    QStringList m_problems;
};

} // namespace orch::ui
