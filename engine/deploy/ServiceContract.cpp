#include "deploy/ServiceContract.h"

#include "workspace/ContainedFile.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace orch {
namespace {

constexpr qint64 kMaxFileBytes = 64 * 1024;

const std::map<QString, ServiceContract::Kind>& kinds()
{
    static const std::map<QString, ServiceContract::Kind> names = {
        {QStringLiteral("http-service"), ServiceContract::Kind::HttpService},
        {QStringLiteral("telegram-bot"), ServiceContract::Kind::TelegramBot},
        {QStringLiteral("worker"), ServiceContract::Kind::Worker}};
    return names;
}

// A path inside the release: relative, no "..", no odd characters.
bool isReleasePath(const QString& path)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_./-]{0,127}$"));
    return pattern.match(path).hasMatch() && !path.split(QLatin1Char('/')).contains(u"..");
}

Result<QStringList> stringList(const Json& value, const char* field, int most)
{
    if (!value.is_array() || int(value.size()) > most)
        return Error{QStringLiteral("deploy.json: `%1` must be a list of at most %2 strings")
                         .arg(QLatin1String(field))
                         .arg(most)};
    QStringList out;
    for (const Json& item : value) {
        if (!item.is_string() || item.get_ref<const std::string&>().size() > 128)
            return Error{QStringLiteral("deploy.json: `%1` must hold strings of at most 128 "
                                        "characters")
                             .arg(QLatin1String(field))};
        out << toQ(item.get<std::string>());
    }
    return out;
}

Result<QByteArray> bundled(const QString& folder)
{
    QFile file(QDir(folder).filePath(ServiceContract::kFile));
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("deploy.json: no such file"), ErrorCode::NotFound};
    return file.readAll();
}

} // namespace

QString ServiceContract::kindName(Kind kind)
{
    for (const auto& [name, value] : kinds())
        if (value == kind)
            return name;
    return {};
}

Result<ServiceContract> ServiceContract::read(const QString& releaseFolder)
{
    // A bundled template (a Qt resource) is ours; anything on disk may be the model's.
    auto text = releaseFolder.startsWith(QLatin1Char(':'))
                    ? bundled(releaseFolder)
                    : contained::read(releaseFolder, kFile, kMaxFileBytes);
    if (!text && text.code() == ErrorCode::NotFound)
        return ServiceContract();
    if (!text)
        return text.failure();
    const Json document = parseJson(text.value());
    if (document.is_discarded())
        return Error{QStringLiteral("deploy.json is not JSON")};
    return fromJson(document);
}

Result<ServiceContract> ServiceContract::fromJson(const Json& document)
{
    if (!document.is_object())
        return Error{QStringLiteral("deploy.json must be an object")};
    ServiceContract contract;
    const Json& kind = member(document, "kind");
    if (!kind.is_string() || !kinds().count(toQ(kind.get<std::string>())))
        return Error{QStringLiteral("deploy.json: `kind` must be http-service, telegram-bot or "
                                    "worker")};
    contract.kind = kinds().at(toQ(kind.get<std::string>()));

    // "entry": ["python3", "app.py", …]: Python and what it runs, inside the release.
    auto entry = stringList(member(document, "entry"), "entry", 16);
    if (!entry)
        return entry.failure();
    if (entry->size() < 2 || entry->first() != QLatin1String("python3"))
        return Error{QStringLiteral("deploy.json: `entry` must start with \"python3\" and name "
                                    "what it runs, e.g. [\"python3\", \"app.py\"]")};
    contract.arguments = entry->mid(1);
    static const QRegularExpression argument(QStringLiteral("^[A-Za-z0-9_=.,:/-]{1,128}$"));
    for (const QString& part : std::as_const(contract.arguments))
        if (!argument.match(part).hasMatch() || part.startsWith(QLatin1Char('/')) ||
            part.split(QLatin1Char('/')).contains(u".."))
            return Error{QStringLiteral("deploy.json: entry argument '%1' must be a path inside "
                                        "the release, a module name or a simple option")
                             .arg(part.left(64))};

    const Json& health = member(document, "health");
    if (!health.is_null() && !health.is_object())
        return Error{QStringLiteral("deploy.json: `health` must be an object")};
    if (contract.kind == Kind::HttpService) {
        const Json& path = member(health, "path");
        if (!path.is_null()) {
            const QString text = path.is_string() ? toQ(path.get<std::string>()) : QString();
            static const QRegularExpression urlPath(QStringLiteral("^/[A-Za-z0-9_./-]{0,127}$"));
            if (!urlPath.match(text).hasMatch())
                return Error{QStringLiteral("deploy.json: `health.path` must be a URL path such "
                                            "as \"/health\"")};
            contract.healthPath = text;
        }
        if (health.contains("fields")) {
            auto fields = stringList(health["fields"], "health.fields", 16);
            if (!fields)
                return fields.failure();
            contract.healthFields = fields.value();
        }
    }
    if (contract.kind == Kind::TelegramBot && health.contains("message")) {
        const Json& message = health["message"];
        if (!message.is_string() || message.get_ref<const std::string&>().empty() ||
            message.get_ref<const std::string&>().size() > 256)
            return Error{QStringLiteral("deploy.json: `health.message` must be the text of a "
                                        "message to the bot (at most 256 characters)")};
        contract.testMessage = toQ(message.get<std::string>());
    }
    if (const Json& updates = member(document, "updates"); !updates.is_null()) {
        if (contract.kind != Kind::TelegramBot || !updates.is_string() ||
            (updates != "webhook" && updates != "polling"))
            return Error{QStringLiteral("deploy.json: `updates` is for a telegram-bot: "
                                        "\"polling\" or \"webhook\"")};
        contract.webhook = updates == "webhook";
    }
    if (health.contains("alive_seconds")) {
        const auto seconds = asInteger(health["alive_seconds"]);
        if (!seconds || *seconds < 1 || *seconds > 60)
            return Error{QStringLiteral("deploy.json: `health.alive_seconds` must be 1 to 60")};
        contract.aliveSeconds = int(*seconds);
    }

    const Json& dependencies = member(document, "dependencies");
    if (!dependencies.is_null()) {
        const QString path =
            dependencies.is_string() ? toQ(dependencies.get<std::string>()) : QString();
        if (!isReleasePath(path))
            return Error{QStringLiteral("deploy.json: `dependencies` must be a file inside the "
                                        "release, e.g. \"requirements.txt\"")};
        contract.dependencies = path;
    }
    auto secrets = stringList(document.contains("secrets") ? document["secrets"] : Json::array(),
                              "secrets", 32);
    if (!secrets)
        return secrets.failure();
    static const QRegularExpression variable(QStringLiteral("^[A-Z][A-Z0-9_]{0,63}$"));
    for (const QString& name : secrets.value())
        if (!variable.match(name).hasMatch() || name == QLatin1String("PORT") ||
            name == QLatin1String("APP_VERSION") || name == QLatin1String("DATA_DIR"))
            return Error{QStringLiteral("deploy.json: secret '%1' must be an environment "
                                        "variable name such as BOT_TOKEN (not PORT, "
                                        "APP_VERSION or DATA_DIR)")
                             .arg(name.left(64))};
    contract.secrets = secrets.value();
    if (document.contains("memory_mb")) {
        const auto memory = asInteger(document["memory_mb"]);
        if (!memory || *memory < 32 || *memory > 65536)
            return Error{QStringLiteral("deploy.json: `memory_mb` (what the service reserves on "
                                        "a server) must be 32 to 65536")};
        contract.memoryMb = int(*memory);
    }
    return contract;
}

Json ServiceContract::toJson() const
{
    Json entry = Json::array({"python3"});
    for (const QString& part : arguments)
        entry.push_back(toStd(part));
    Json health = {{"alive_seconds", aliveSeconds}};
    if (kind == Kind::HttpService) {
        health["path"] = toStd(healthPath);
        health["fields"] = Json::array();
        for (const QString& field : healthFields)
            health["fields"].push_back(toStd(field));
    } else if (kind == Kind::TelegramBot) {
        health["message"] = toStd(testMessage);
    }
    Json secretNames = Json::array();
    for (const QString& name : secrets)
        secretNames.push_back(toStd(name));
    Json document = {{"kind", toStd(kindName(kind))},
                     {"entry", entry},
                     {"health", health},
                     {"dependencies", dependencies.isEmpty() ? Json() : Json(toStd(dependencies))},
                     {"secrets", secretNames},
                     {"memory_mb", memoryMb},
                     {"listens", listens()}};
    if (webhook)
        document["updates"] = "webhook";
    return document;
}

} // namespace orch
