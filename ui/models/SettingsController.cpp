#include "SettingsController.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace orch::ui {
namespace {

QString idsText(const Json& list)
{
    QStringList ids;
    if (list.is_array())
        for (const Json& id : list)
            if (id.is_number_integer())
                ids << QString::number(id.get<qint64>());
    return ids.join(QStringLiteral(", "));
}

std::optional<Json> idsFrom(const QString& text)
{
    Json ids = Json::array();
    for (const QString& part :
         text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 id = part.toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        ids.push_back(id);
    }
    return ids;
}

} // namespace

SettingsController::SettingsController(QString path, SettingsServices services, QObject* parent)
    : QObject(parent), m_path(std::move(path)), m_services(std::move(services))
{
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        const Json document = parseJson(file.readAll());
        if (document.is_object())
            m_document = document;
        else
            m_problems << tr("%1 is not a JSON object; saving replaces it").arg(m_path);
    }
    check();
}

QVariantList SettingsController::providers() const
{
    QVariantList list;
    const Json providers = objectAt(m_document, "providers");
    auto row = [](const QString& name, const Json& p, bool builtIn) {
        return QVariantMap{{"name", name},
                           {"kind", toQ(stringOr(p, "kind", toStd(name)))},
                           {"baseUrl", toQ(stringOr(p, "base_url"))},
                           {"keySecret", toQ(stringOr(p, "api_key_secret"))},
                           {"builtIn", builtIn}};
    };
    for (const char* kind : {"openai", "anthropic"})
        list.append(row(QString::fromLatin1(kind), providers.value(kind, Json::object()), true));
    for (auto it = providers.begin(); it != providers.end(); ++it) // a JSON object: by name
        if (it.key() != "openai" && it.key() != "anthropic" && it->is_object())
            list.append(row(toQ(it.key()), *it, false));
    return list;
}

QString SettingsController::setNamedProvider(const QString& name, const QString& kind,
                                             const QString& baseUrl, const QString& keySecret)
{
    static const QRegularExpression kName(QStringLiteral("^[a-z][a-z0-9-]{0,39}$"));
    if (!kName.match(name).hasMatch())
        return tr("A provider's name is lower-case letters, digits and dashes, starting with a "
                  "letter.");
    if (kind != QLatin1String("openai") && kind != QLatin1String("anthropic"))
        return tr("A provider speaks the openai or the anthropic API.");
    if (name == QLatin1String("openai") || name == QLatin1String("anthropic")) {
        if (kind != name)
            return tr("%1 is the name of the built-in %1 provider.").arg(name);
        setProvider(kind, baseUrl, keySecret);
        return {};
    }
    Json& providers = m_document["providers"];
    if (!providers.is_object())
        providers = Json::object();
    Json profile = providers.value(toStd(name), Json::object());
    profile["kind"] = toStd(kind);
    profile["base_url"] = toStd(baseUrl.trimmed());
    if (keySecret.trimmed().isEmpty())
        profile.erase("api_key_secret");
    else
        profile["api_key_secret"] = toStd(keySecret.trimmed());
    providers[toStd(name)] = profile;
    check();
    return {};
}

void SettingsController::removeProvider(const QString& name)
{
    Json& providers = m_document["providers"];
    if (providers.is_object())
        providers.erase(toStd(name));
    if (!providers.is_object() || providers.empty())
        m_document.erase("providers");
    check();
}

QVariantMap SettingsController::profileChoices() const
{
    QVariantMap choices;
    const Json profiles = objectAt(m_document, "model_profiles");
    for (auto it = profiles.begin(); it != profiles.end(); ++it)
        if (it->is_object())
            choices.insert(toQ(it.key()), QVariantMap{{"provider", toQ(stringOr(*it, "provider"))},
                                                      {"model", toQ(stringOr(*it, "model"))}});
    return choices;
}

QString SettingsController::setProfileChoice(const QString& profile, const QString& provider,
                                             const QString& model)
{
    static const QRegularExpression kName(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!kName.match(profile).hasMatch())
        return tr("“%1” is not a model profile's name.").arg(profile);
    Json& profiles = m_document["model_profiles"];
    if (!profiles.is_object())
        profiles = Json::object();
    if (provider.trimmed().isEmpty()) {
        profiles.erase(toStd(profile));
    } else {
        if (model.trimmed().isEmpty())
            return tr("Choose a model for the profile %1.").arg(profile);
        profiles[toStd(profile)] =
            Json{{"provider", toStd(provider.trimmed())}, {"model", toStd(model.trimmed())}};
    }
    if (profiles.empty())
        m_document.erase("model_profiles");
    check();
    return {};
}

QString SettingsController::telegramTokenSecret() const
{
    return toQ(stringOr(objectAt(m_document, "telegram"), "token_secret"));
}

QString SettingsController::admins() const
{
    return idsText(arrayAt(objectAt(m_document, "telegram"), "admins"));
}

QString SettingsController::users() const
{
    return idsText(arrayAt(objectAt(m_document, "telegram"), "users"));
}

void SettingsController::setProvider(const QString& kind, const QString& baseUrl,
                                     const QString& keySecret)
{
    if (kind != QLatin1String("openai") && kind != QLatin1String("anthropic"))
        return;
    Json& providers = m_document["providers"];
    if (!providers.is_object())
        providers = Json::object();
    if (baseUrl.trimmed().isEmpty()) {
        providers.erase(toStd(kind));
    } else {
        Json profile = providers.value(toStd(kind), Json::object());
        profile["base_url"] = toStd(baseUrl.trimmed());
        if (keySecret.trimmed().isEmpty())
            profile.erase("api_key_secret");
        else
            profile["api_key_secret"] = toStd(keySecret.trimmed());
        providers[toStd(kind)] = profile;
    }
    if (providers.empty())
        m_document.erase("providers");
    check();
}

bool SettingsController::setTelegram(const QString& tokenSecret, const QString& admins,
                                     const QString& users)
{
    const auto adminIds = idsFrom(admins);
    const auto userIds = idsFrom(users);
    if (!adminIds || !userIds)
        return false;
    if (tokenSecret.trimmed().isEmpty() && adminIds->empty() && userIds->empty()) {
        m_document.erase("telegram");
    } else {
        Json telegram = objectAt(m_document, "telegram");
        telegram["token_secret"] = toStd(tokenSecret.trimmed());
        telegram["admins"] = *adminIds;
        telegram["users"] = *userIds;
        m_document["telegram"] = telegram;
    }
    check();
    return true;
}

void SettingsController::check()
{
    m_problems = m_services.check ? m_services.check(m_document, QFileInfo(m_path).absolutePath())
                                  : QStringList();
    emit changed();
}

bool SettingsController::save()
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    const QByteArray bytes = QByteArray::fromStdString(m_document.dump(2)) + '\n';
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return false;
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

QString SettingsController::storeSecret(const QString& handle, const QString& value)
{
    if (!m_services.storeSecret)
        return tr("Secrets are stored on the server: use “orchestratord secrets set” there.");
    if (value.isEmpty())
        return tr("The value is empty.");
    auto stored = m_services.storeSecret(handle, value.toUtf8());
    return stored ? QString() : stored.error();
}

} // namespace orch::ui
