#include "telegram/HealthNotifier.h"

#include "core/Log.h"
#include "telegram/BotTexts.h"
#include "telegram/TelegramOutbox.h"

#include <QDateTime>

namespace orch {
namespace {

constexpr qsizetype kMaxText = 3900; // under Telegram's 4096, with room for the ellipsis

QString keyOf(qint64 chatId, const QString& service)
{
    return QString::number(chatId) + QLatin1Char('|') + service;
}

} // namespace

HealthNotifier::HealthNotifier(Database& database, TelegramOutbox& outbox, QObject* parent)
    : QObject(parent), m_outbox(outbox), m_messages(database)
{
}

QString HealthNotifier::lineFor(const QString& language, const DeploymentHealth& health)
{
    const QString detail = health.detail.left(500);
    if (health.change == QLatin1String("down"))
        return bot::text(language, "deployment_down", {health.service, detail, health.url});
    if (health.change == QLatin1String("up"))
        return bot::text(language, "deployment_up", {health.service, health.url});
    return bot::text(language, QByteArray("incident_" + health.change.toUtf8()).constData(),
                     {health.service, detail});
}

bool HealthNotifier::ends(const QString& change)
{
    return change == QLatin1String("up") || change == QLatin1String("resolved");
}

QString HealthNotifier::textOf(const QStringList& lines)
{
    QString text = lines.join(QLatin1Char('\n'));
    // A long incident keeps its start and its latest steps.
    for (qsizetype drop = 1; text.size() > kMaxText && drop < lines.size() - 1; ++drop)
        text =
            lines.first() + QStringLiteral("\n…\n") + lines.mid(drop + 1).join(QLatin1Char('\n'));
    return text.left(kMaxText);
}

HealthNotifier::Pending* HealthNotifier::pendingFor(qint64 chatId, const QString& service)
{
    const QString key = keyOf(chatId, service);
    if (auto it = m_pending.find(key); it != m_pending.end())
        return &it.value();
    auto stored = m_messages.open(chatId, service);
    if (!stored) {
        log::get("telegram")
            ->warn("{}: the open health message is unknown: {}", service, stored.error());
        return nullptr;
    }
    Pending pending;
    pending.message = stored->value_or(HealthMessage{chatId, service, 0, {}});
    pending.shown = textOf(pending.message.lines); // what a message kept from before says
    return &m_pending.insert(key, pending).value();
}

void HealthNotifier::tell(qint64 chatId, const QString& language, const DeploymentHealth& health)
{
    if (health.change == QLatin1String("certificate"))
        return m_outbox.sendText(
            chatId,
            bot::text(language, "certificate_expiring",
                      {health.service, QDateTime::fromMSecsSinceEpoch(health.certificateExpiresAt)
                                           .toUTC()
                                           .toString(QStringLiteral("yyyy-MM-dd"))}));
    Pending* pending = pendingFor(chatId, health.service);
    if (!pending)
        return m_outbox.sendText(chatId, lineFor(language, health));
    if (pending->message.lines.isEmpty() && ends(health.change) && !pending->sending)
        return; // nothing was told about this trouble: its end says nothing either
    pending->message.lines << lineFor(language, health).split(QLatin1Char('\n'));
    while (pending->message.lines.size() > 60)
        pending->message.lines.removeAt(1);
    pending->closing = ends(health.change);
    pending->markup = Json();
    // The button names the project (an id: 38 bytes of callback data at most, of 64).
    if (health.change == QLatin1String("repair_asked") && !health.projectId.isEmpty())
        pending->markup = {{"inline_keyboard",
                            {{{{"text", toStd(bot::text(language, "repair_button"))},
                               {"callback_data", "r:" + toStd(health.projectId.left(40))}}}}}};
    if (auto saved = pending->closing ? m_messages.close(chatId, health.service)
                                      : m_messages.save(pending->message);
        !saved)
        log::get("telegram")
            ->warn("{}: health message not kept: {}", health.service, saved.error());
    deliver(keyOf(chatId, health.service));
}

void HealthNotifier::deliver(const QString& key)
{
    auto it = m_pending.find(key);
    if (it == m_pending.end() || it->sending)
        return;
    Pending& pending = it.value();
    const qint64 chatId = pending.message.chatId;
    const QString text = textOf(pending.message.lines);
    auto delivered = [this, key, text](Json result, std::optional<TelegramError> error) {
        auto it = m_pending.find(key);
        if (it == m_pending.end())
            return;
        it->sending = false;
        if (!error) {
            it->shown = text;
            if (it->message.messageId == 0)
                it->message.messageId = intOr(result, "message_id", 0);
            if (!it->closing)
                if (auto saved = m_messages.save(it->message); !saved)
                    log::get("telegram")->warn("health message not kept: {}", saved.error());
        } else if (it->message.messageId != 0 &&
                   error->message.contains(QLatin1String("message to edit not found"))) {
            // The message is gone (deleted by the person): the whole story goes in a new one.
            it->message.messageId = 0;
            it->shown.clear();
            return deliver(key);
        }
        if (textOf(it->message.lines) != it->shown && !error)
            return deliver(key); // steps that happened while it was on the way
        if (it->closing)
            m_pending.erase(it);
    };
    if (text == pending.shown && pending.message.messageId != 0) {
        if (pending.closing)
            m_pending.erase(it);
        return;
    }
    pending.sending = true;
    if (pending.message.messageId == 0) {
        Json params = {{"chat_id", chatId}, {"text", toStd(text)}};
        if (!pending.markup.is_null())
            params["reply_markup"] = pending.markup;
        return m_outbox.send(chatId, QStringLiteral("sendMessage"), params, delivered);
    }
    // Without reply_markup the edit also takes away a button that no longer applies.
    Json params = {
        {"chat_id", chatId}, {"message_id", pending.message.messageId}, {"text", toStd(text)}};
    if (!pending.markup.is_null())
        params["reply_markup"] = pending.markup;
    m_outbox.send(chatId, QStringLiteral("editMessageText"), params, delivered);
}

} // namespace orch
