#include "config/SettingsReader.h"

#include <QDir>

namespace orch {
namespace {
const Json kEmptyObject = Json::object();
}

SettingsReader::SettingsReader(const Json& document, QString baseDir)
    : m_document(document), m_baseDir(std::move(baseDir))
{
}

const Json* SettingsReader::find(const QString& path) const
{
    const Json* node = &m_document;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        if (!node->is_object() || !node->contains(toStd(part)))
            return nullptr;
        node = &(*node)[toStd(part)];
    }
    return node;
}

bool SettingsReader::has(const QString& path) const
{
    return find(path) != nullptr;
}

void SettingsReader::problem(const QString& path, const QString& message)
{
    m_read.insert(path);
    m_problems << QStringLiteral("%1: %2").arg(path, message);
}

const Json* SettingsReader::require(const QString& path, bool required, const char* kind,
                                    bool (Json::*check)() const noexcept)
{
    // Reading a setting also accounts for the objects it sits in.
    QString prefix;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        prefix = prefix.isEmpty() ? part : prefix + QLatin1Char('.') + part;
        m_read.insert(prefix);
    }
    const Json* value = find(path);
    if (!value) {
        if (required)
            problem(path, QStringLiteral("missing required setting"));
        return nullptr;
    }
    if (!(value->*check)()) {
        problem(path, QStringLiteral("must be %1").arg(QLatin1String(kind)));
        return nullptr;
    }
    return value;
}

const Json& SettingsReader::object(const QString& path, bool required)
{
    const Json* value = require(path, required, "an object", &Json::is_object);
    return value ? *value : kEmptyObject;
}

QString SettingsReader::text(const QString& path, bool required, const QString& fallback)
{
    const Json* value = require(path, required, "a string", &Json::is_string);
    if (value && value->get<std::string>().empty()) {
        if (required)
            problem(path, QStringLiteral("must not be empty"));
        return fallback;
    }
    return value ? toQ(value->get<std::string>()) : fallback;
}

QString SettingsReader::path(const QString& key, bool required)
{
    const QString value = text(key, required);
    if (value.isEmpty())
        return {};
    return QDir::cleanPath(QDir(m_baseDir).absoluteFilePath(value));
}

QUrl SettingsReader::url(const QString& path, bool required, const QUrl& fallback)
{
    const QString value = text(path, required);
    if (value.isEmpty())
        return fallback;
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        problem(path, QStringLiteral("must be an http(s) URL"));
        return fallback;
    }
    return url;
}

int SettingsReader::integer(const QString& path, bool required, int fallback, int min, int max)
{
    const Json* value = require(path, required, "a whole number", &Json::is_number_integer);
    if (!value)
        return fallback;
    const long long number = value->get<long long>();
    if (number < min || number > max) {
        problem(path, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        return fallback;
    }
    return int(number);
}

double SettingsReader::number(const QString& path, double min)
{
    const Json* value = require(path, false, "a number", &Json::is_number);
    if (!value)
        return min;
    const double number = value->get<double>();
    if (number < min) {
        problem(path, QStringLiteral("must be at least %1").arg(min));
        return min;
    }
    return number;
}

bool SettingsReader::boolean(const QString& path, bool required, bool fallback)
{
    const Json* value = require(path, required, "true or false", &Json::is_boolean);
    return value ? value->get<bool>() : fallback;
}

QStringList SettingsReader::textList(const QString& path)
{
    QStringList result;
    const Json* value = require(path, false, "a list", &Json::is_array);
    if (!value)
        return result;
    for (const Json& item : *value) {
        if (!item.is_string())
            problem(path, QStringLiteral("must be a list of strings"));
        else
            result << toQ(item.get<std::string>());
    }
    return result;
}

QList<qint64> SettingsReader::idList(const QString& path)
{
    QList<qint64> result;
    const Json* value = require(path, false, "a list", &Json::is_array);
    if (!value)
        return result;
    for (const Json& item : *value) {
        if (!item.is_number_integer())
            problem(path, QStringLiteral("must be a list of numeric user ids"));
        else
            result << item.get<qint64>();
    }
    return result;
}

void SettingsReader::collectUnknown(const Json& node, const QString& prefix)
{
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QString key =
            prefix.isEmpty() ? toQ(it.key()) : prefix + QLatin1Char('.') + toQ(it.key());
        if (key.startsWith(QLatin1Char('#')) || it.key().rfind("//", 0) == 0 || it.key() == "note")
            continue; // comments
        if (!m_read.contains(key))
            m_problems << QStringLiteral("%1: unknown setting").arg(key);
        else if (it->is_object())
            collectUnknown(*it, key);
    }
}

void SettingsReader::rejectUnknown()
{
    if (m_document.is_object())
        collectUnknown(m_document, {});
}

} // namespace orch
