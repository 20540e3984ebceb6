// "While you were away" in the chat: on /away, and on schedule (away.every_days) to each admin
// in the language of their last chat. It covers every project, so only admins get it.
#include "core/Log.h"
#include "store/ServerValues.h"
#include "telegram/BotTexts.h"
#include "telegram/EngineReplies.h"
#include "telegram/TelegramBot.h"
#include "telegram/TelegramOutbox.h"

#include <QDateTime>

namespace orch {
namespace {

const QString kAwayKey = QStringLiteral("away.last");
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// Markdown headings read as plain lines in a chat.
QString forChat(const QString& markdown)
{
    QStringList lines = markdown.split(QLatin1Char('\n'));
    for (QString& line : lines)
        if (line.startsWith(QLatin1String("## ")))
            line = line.mid(3);
        else if (line.startsWith(QLatin1String("# ")))
            line = line.mid(2);
    return lines.join(QLatin1Char('\n')).trimmed();
}

} // namespace

void TelegramBot::showAway(const Sender& from)
{
    if (!from.admin)
        return reply(from, bot::text(from.language, "away_admins_only"));
    auto last = m_values->get(kAwayKey);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Since the last one the chat had, at most a month back; a week when there was none.
    qint64 since = last && last->has_value() ? last->value().toLongLong() : now - 7 * kDayMs;
    since = std::clamp(since, now - 31 * kDayMs, now - kDayMs);
    sendAway(from.chatId, from.language, since, false);
}

void TelegramBot::checkAway()
{
    auto last = m_values->get(kAwayKey);
    if (!last)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!last->has_value()) { // first start: the first one comes one period from now
        (void)m_values->set(kAwayKey, QString::number(now));
        return;
    }
    const qint64 since = last->value().toLongLong();
    if (now - since < qint64(m_awayEveryDays) * kDayMs)
        return;
    (void)m_values->set(kAwayKey, QString::number(now));  // once, even if a send fails
    for (qint64 admin : std::as_const(m_config.admins)) { // an admin's chat has their id
        auto links = m_links.forChat(admin);
        const QString language =
            links && !links->empty() ? links->front().language : QStringLiteral("en");
        sendAway(admin, language, since, true);
    }
}

void TelegramBot::sendAway(qint64 chatId, const QString& language, qint64 sinceMs, bool scheduled)
{
    m_engine.awayReport(
        {sinceMs, language},
        whenAnswered<ReportEntry>(
            this, "the away report", [this, chatId, scheduled](Result<ReportEntry> away) {
                if (!away) {
                    log::get("telegram")->error("away report: {}", away.error());
                    if (!scheduled)
                        m_outbox->sendText(
                            chatId, bot::text(QStringLiteral("en"), "error", {away.error()}));
                    return;
                }
                if (!scheduled)
                    (void)m_values->set(kAwayKey,
                                        QString::number(QDateTime::currentMSecsSinceEpoch()));
                m_outbox->sendText(chatId, forChat(away->markdown));
            }));
}

} // namespace orch
