#pragma once
// The Telegram section of the settings file.

#include <QSet>
#include <QString>
#include <QUrl>

namespace orch {

struct TelegramConfig
{
    QUrl apiBase = QUrl(QStringLiteral("https://api.telegram.org"));
    QString tokenSecret; // vault handle of the bot token
    QSet<qint64> admins; // may also top up budgets
    QSet<qint64> users;
    int progressIntervalMs = 1000; // at most one progress edit per chat in this time
    int longPollS = 50;
};

} // namespace orch
