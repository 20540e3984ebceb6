// Answers to a run's question from the chat: a plain answer, or a secret, which goes to the
// vault and whose message leaves the chat (the person hears whether it could).
#include "telegram/BotTexts.h"
#include "telegram/EngineReplies.h"
#include "telegram/TelegramBot.h"
#include "telegram/TelegramOutbox.h"

#include <memory>

namespace orch {

void TelegramBot::answerRun(const Sender& from, const QString& runId, const QString& answer)
{
    // A secret the run asked for is not repeated back, and its message leaves the chat.
    m_engine.runOverview(
        {runId},
        whenAnswered<RunOverview>(this, "a run", [this, from, runId, answer](auto overview) {
            if (overview && stringOr(overview->question, "kind") == "secret")
                return answerSecret(from, runId, answer);
            answerPlainly(from, runId, answer);
        }));
}

// The secret's message leaves the chat, and the person hears whether it did once both are
// known: a deletion Telegram refuses (a message 48 hours old, one already gone) is theirs.
void TelegramBot::answerSecret(const Sender& from, const QString& runId, const QString& value)
{
    struct Outcome
    {
        std::optional<Result<void>> stored;
        std::optional<QString> notDeleted; // why the message stays; empty: it was deleted
    };
    auto outcome = std::make_shared<Outcome>();
    auto tell = [this, from, outcome] {
        if (!outcome->stored || !outcome->notDeleted)
            return;
        const Result<void>& stored = *outcome->stored;
        const QString& notDeleted = *outcome->notDeleted;
        if (stored && notDeleted.isEmpty())
            return reply(from, bot::text(from.language, "secret_stored"));
        QString text = stored ? bot::text(from.language, "secret_stored_only")
                              : bot::text(from.language, "secret_refused", {stored.error()});
        if (!notDeleted.isEmpty())
            text += QLatin1Char(' ') +
                    bot::text(from.language, "secret_not_deleted", {notDeleted.left(200)});
        reply(from, text);
    };
    if (from.messageId == 0)
        outcome->notDeleted = bot::text(from.language, "secret_no_message");
    else
        m_outbox->send(from.chatId, QStringLiteral("deleteMessage"),
                       {{"chat_id", from.chatId}, {"message_id", from.messageId}},
                       [outcome, tell](const Json&, std::optional<TelegramError> error) {
                           outcome->notDeleted = error ? error->message : QString();
                           tell();
                       });
    m_engine.answer({runId, value},
                    whenAnswered<void>(this, "a secret", [outcome, tell](Result<void> done) {
                        outcome->stored = std::move(done);
                        tell();
                    }));
}

void TelegramBot::answerPlainly(const Sender& from, const QString& runId, const QString& answer)
{
    m_engine.answer({runId, answer},
                    whenAnswered<void>(this, "an answer", [this, from, answer](Result<void> done) {
                        reply(from, done ? bot::text(from.language, "answered", {answer})
                                         : bot::text(from.language, "not_waiting"));
                    }));
}

} // namespace orch
