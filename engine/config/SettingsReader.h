#pragma once
// Reads typed values from a JSON settings document by dotted path ("deploy.https_port") and
// collects every problem, each naming its setting. Settings nobody asked for are reported
// as unknown, so a typo never silently falls back to a default.

#include "core/Json.h"

#include <QSet>
#include <QStringList>
#include <QUrl>
#include <climits>

namespace orch {

class SettingsReader
{
public:
    SettingsReader(const Json& document, QString baseDir);

    bool has(const QString& path) const;
    const Json& object(const QString& path, bool required);
    QString text(const QString& path, bool required, const QString& fallback = {});
    // A file or folder; relative paths are resolved against the settings file's folder.
    QString path(const QString& path, bool required);
    QUrl url(const QString& path, bool required, const QUrl& fallback = {});
    int integer(const QString& path, bool required, int fallback, int min, int max = INT_MAX);
    double number(const QString& path, double min);
    bool boolean(const QString& path, bool required, bool fallback);
    QStringList textList(const QString& path);
    QList<qint64> idList(const QString& path);

    void problem(const QString& path, const QString& message);
    // A setting its caller read from object() itself (free-form keys such as HTTP headers).
    void markRead(const QString& path) { m_read.insert(path); }
    // Adds a problem for every key that no read asked for.
    void rejectUnknown();
    const QStringList& problems() const { return m_problems; }

private:
    const Json* find(const QString& path) const;
    const Json* require(const QString& path, bool required, const char* kind,
                        bool (Json::*check)() const noexcept);
    void collectUnknown(const Json& node, const QString& prefix);

    const Json& m_document;
    QString m_baseDir;
    QSet<QString> m_read;
    QStringList m_problems;
};

} // namespace orch
