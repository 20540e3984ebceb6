#include "telegram/TelegramBot.h"

#include "core/Guard.h"
#include "core/Log.h"
#include "store/Database.h"
#include "store/DeadLetters.h"
#include "store/ServerValues.h"
#include "telegram/BotTexts.h"
#include "telegram/EngineReplies.h"
#include "telegram/PlaceholderMessages.h"
#include "telegram/RunNotifier.h"
#include "telegram/TelegramOutbox.h"
#include "telegram/TelegramPoller.h"

#include <QDateTime>
#include <utility>

namespace orch {
namespace {
const QString kOffsetKey = QStringLiteral("telegram.offset");
const QString kDigestKey = QStringLiteral("digest.last");
} // namespace

TelegramBot::TelegramBot(EngineApi& engine, Database& database, const TelegramConfig& config,
                         const QByteArray& token, QObject* parent)
    : QObject(parent), m_engine(engine), m_db(database), m_config(config),
      m_api(new TelegramApi(config.apiBase, token, this)),
      m_outbox(new TelegramOutbox(m_api, {}, this)),
      m_notifier(new RunNotifier(engine, database, *m_outbox, config.progressIntervalMs, this)),
      m_placeholders(new PlaceholderMessages(*m_outbox, this)), m_links(database),
      m_pendingStarts(database), m_values(std::make_unique<ServerValues>(database)),
      m_deadLetters(std::make_unique<DeadLetters>(database))
{
    m_clock.start();
    connect(&m_startTimer, &QTimer::timeout, this, &TelegramBot::startNextQueued);
    m_digestTimer.setInterval(60 * 1000);
    connect(&m_digestTimer, &QTimer::timeout, this, [this] {
        if (m_digestEveryHours > 0)
            checkDigest();
        if (m_awayEveryDays > 0)
            checkAway();
    });
}

TelegramBot::~TelegramBot() = default;

Result<void> TelegramBot::start()
{
    auto saved = m_values->get(kOffsetKey);
    if (!saved)
        return saved.failure();
    const qint64 offset = saved->value_or(QStringLiteral("0")).toLongLong();
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("ru")}) {
        Json list = Json::array();
        for (const auto& [command, description] : bot::commands(language))
            list.push_back({{"command", toStd(command)}, {"description", toStd(description)}});
        Json params = {{"commands", list}};
        if (language == QLatin1String("ru"))
            params["language_code"] = "ru";
        m_outbox->send(0, QStringLiteral("setMyCommands"), params);
    }
    auto saveOffset = [this](qint64 next) { saveHandled(next); };
    TelegramPoller::Settings settings;
    settings.longPollS = m_config.longPollS;
    if (m_poller) {
        // Leading again (after an outage of the database): the last poller's late answer
        // must not hand this process updates the new one fetches too.
        m_poller->disconnect(this);
        m_poller->stop();
        m_poller->deleteLater();
    }
    m_poller = new TelegramPoller(m_api, offset, saveOffset, settings, this);
    connect(m_poller, &TelegramPoller::updateReceived, this, &TelegramBot::onUpdate);
    connect(m_poller, &TelegramPoller::updateUndecodable, this, &TelegramBot::keepDeadLetter);
    connect(m_poller, &TelegramPoller::pollFailed, this, [](const QString& reason, int retryMs) {
        log::get("telegram")->warn("{}; polling again in {} ms", reason, retryMs);
    });
    // Sending still works while another process takes the updates: the admins hear of it.
    connect(m_poller, &TelegramPoller::conflict, this, [this](const QString& reason) {
        tellAdmins(bot::text(QStringLiteral("en"), "poll_conflict", {reason.left(300)}));
    });
    connect(m_poller, &TelegramPoller::conflictOver, this,
            [this] { tellAdmins(bot::text(QStringLiteral("en"), "poll_conflict_over", {})); });
    m_poller->start();
    resumePendingStarts();
    if (m_digestEveryHours > 0 || m_awayEveryDays > 0)
        m_digestTimer.start();
    log::get("telegram")->info("polling {} from offset {}", m_config.apiBase.host(), offset);
    return {};
}

void TelegramBot::stop()
{
    m_stopping = true;
    if (m_poller)
        m_poller->stop();
    m_digestTimer.stop();
    dropQueuedStarts();
}

// The starts an update asked for are kept in the same transaction as its offset (one write per
// update, as before them): a process that ends finds both, or neither and the update again.
void TelegramBot::saveHandled(qint64 nextOffset)
{
    const std::vector<PendingStart> starts = std::exchange(m_unsavedStarts, {});
    if (!starts.empty()) {
        auto kept = m_db.transaction([&]() -> Result<void> {
            for (const PendingStart& start : starts)
                if (auto added = m_pendingStarts.add(start); !added)
                    return added;
            return m_values->set(kOffsetKey, QString::number(nextOffset));
        });
        if (kept)
            return;
        log::get("telegram")->error("starts are not kept for a restart: {}", kept.error());
    }
    if (auto ok = m_values->set(kOffsetKey, QString::number(nextOffset)); !ok)
        log::get("telegram")->error("cannot save the update offset: {}", ok.error());
}

int TelegramBot::undelivered() const
{
    return m_outbox->pending();
}

void TelegramBot::setDigestEveryHours(int hours)
{
    m_digestEveryHours = hours;
    if (hours <= 0 && m_awayEveryDays <= 0)
        m_digestTimer.stop();
}

void TelegramBot::setAwayEveryDays(int days)
{
    m_awayEveryDays = days;
    if (days <= 0 && m_digestEveryHours <= 0)
        m_digestTimer.stop();
}

void TelegramBot::onUpdate(const Json& update)
{
    const QByteArray raw = toBytes(update);
    if (raw.size() > kMaxUpdateBytes)
        return keepDeadLetter(raw, QStringLiteral("larger than %1 bytes").arg(kMaxUpdateBytes));
    if (!update.is_object())
        return keepDeadLetter(raw, QStringLiteral("not a JSON object"));
    if (auto handled = guarded("telegram", "an update", [&] { handleUpdate(update); }); !handled)
        keepDeadLetter(raw, handled.error());
}

void TelegramBot::keepDeadLetter(const QByteArray& raw, const QString& reason)
{
    auto kept = m_deadLetters->keep(QStringLiteral("telegram"), reason, raw);
    if (!kept) {
        log::get("telegram")
            ->error("an update could not be handled ({}) nor kept: {}", reason, kept.error());
        return;
    }
    log::get("telegram")->error("update kept as dead letter {}: {}", kept.value(), reason);
    if (m_toldAboutDeadLetters)
        return;
    m_toldAboutDeadLetters = true;
    tellAdmins(bot::text(QStringLiteral("en"), "dead_letter",
                         {reason.left(300), QString::number(kept.value())}));
}

void TelegramBot::tellAdmins(const QString& text)
{
    for (qint64 admin : std::as_const(m_config.admins))
        m_outbox->sendText(admin, text);
}

bool TelegramBot::startedIn(const QString& runId, qint64 chatId)
{
    auto link = m_links.forRun(runId);
    return link && link->has_value() && link->value().chatId == chatId;
}

void TelegramBot::handleUpdate(const Json& update)
{
    const bool isButton = update.contains("callback_query");
    const Json& body = isButton ? update["callback_query"] : objectAt(update, "message");
    const Json from = objectAt(body, "from");
    Sender sender;
    sender.userId = intOr(from, "id", 0);
    sender.chatId = isButton ? intOr(objectAt(objectAt(body, "message"), "chat"), "id", 0)
                             : intOr(objectAt(body, "chat"), "id", 0);
    sender.language = bot::languageOf(toQ(stringOr(from, "language_code")));
    sender.admin = m_config.admins.contains(sender.userId);
    sender.messageId = isButton ? 0 : intOr(body, "message_id", 0);
    if (isButton)
        m_outbox->send(sender.chatId, QStringLiteral("answerCallbackQuery"),
                       {{"callback_query_id", stringOr(body, "id")}});
    if (sender.chatId == 0)
        return; // an update kind the bot does not use
    if (!sender.admin && !m_config.users.contains(sender.userId)) {
        log::get("telegram")->warn("refused user {} in chat {}", sender.userId, sender.chatId);
        if (!m_refused.contains(sender.userId)) {
            m_refused.insert(sender.userId);
            reply(sender, bot::text(sender.language, "refused", {QString::number(sender.userId)}));
        }
    } else if (isButton) {
        handleButton(sender, toQ(stringOr(body, "data")));
    } else if (body.contains("text") && body["text"].is_string()) {
        handleText(sender, toQ(body["text"].get<std::string>()).trimmed());
    }
}

void TelegramBot::handleText(const Sender& from, const QString& text)
{
    if (text.startsWith(QLatin1Char('/'))) {
        const qsizetype space = text.indexOf(QLatin1Char(' '));
        QString command = text.mid(1, space < 0 ? -1 : space - 1);
        command = command.section(QLatin1Char('@'), 0, 0).toLower(); // "/new@my_bot"
        return handleCommand(from, command, space < 0 ? QString() : text.mid(space + 1).trimmed());
    }
    // A pending question takes the message as its answer; otherwise it describes a project.
    if (hasNoRuns(from))
        return startUnlessBusy({}, from, text);
    withView(from, [this, from, text](const EngineView& view) {
        if (auto waiting = unfinishedRunOf(view, from.chatId, RunStatus::WaitingHuman))
            return answerRun(from, waiting->id, text);
        startUnlessBusy(view, from, text);
    });
}

bool TelegramBot::hasNoRuns(const Sender& from)
{
    // A chat that never started a run has none to answer or wait for: no need to list every
    // run and project of the engine to find out.
    auto any = m_links.anyForChat(from.chatId);
    return any && !any.value();
}

void TelegramBot::handleCommand(const Sender& from, const QString& command, const QString& argument)
{
    if (command == QLatin1String("start") || command == QLatin1String("help")) {
        const Json menu = {{"inline_keyboard",
                            {{{{"text", "/projects"}, {"callback_data", "cmd:projects"}},
                              {{"text", "/status"}, {"callback_data", "cmd:status"}},
                              {{"text", "/balance"}, {"callback_data", "cmd:balance"}}}}}};
        reply(from, bot::text(from.language, "help"), menu);
    } else if (command == QLatin1String("new")) {
        if (argument.isEmpty())
            reply(from, bot::text(from.language, "need_description"));
        else if (hasNoRuns(from))
            startUnlessBusy({}, from, argument);
        else
            withView(from, [this, from, argument](const EngineView& view) {
                startUnlessBusy(view, from, argument);
            });
    } else if (command == QLatin1String("projects")) {
        showProjects(from);
    } else if (command == QLatin1String("status")) {
        showStatus(from, argument);
    } else if (command == QLatin1String("report")) {
        sendReport(from, argument);
    } else if (command == QLatin1String("balance")) {
        showBalance(from);
    } else if (command == QLatin1String("topup")) {
        topUp(from, argument);
    } else if (command == QLatin1String("cancel")) {
        cancelRun(from, argument);
    } else if (command == QLatin1String("change")) {
        changeProject(from, argument);
    } else if (command == QLatin1String("redeploy") || command == QLatin1String("rollback")) {
        deployAgain(from, argument, command == QLatin1String("rollback"));
    } else if (command == QLatin1String("domain")) {
        giveDomain(from, argument);
    } else if (command == QLatin1String("repair")) {
        repairProject(from, argument);
    } else if (command == QLatin1String("digest") && from.admin) {
        sendDigest();
    } else if (command == QLatin1String("away")) {
        showAway(from);
    } else {
        reply(from, bot::text(from.language, "help"));
    }
}

void TelegramBot::handleButton(const Sender& from, const QString& data)
{
    const QStringList parts = data.split(QLatin1Char(':'));
    const QString kind = parts.value(0);
    if (kind == QLatin1String("a") && parts.size() == 3) {
        // "a:<run>:<option index>" — the text comes from the run's own question, and only the
        // chat the question went to may answer it.
        if (!startedIn(parts[1], from.chatId))
            return reply(from, bot::text(from.language, "foreign_button"));
        if (parts[2] == QLatin1String("approve") || parts[2] == QLatin1String("reject"))
            return answerRun(from, parts[1], parts[2]);
        return answerWithOption(from, parts[1], parts[2]);
    }
    if (kind == QLatin1String("t") && parts.size() == 2)
        return topUp(from, parts[1]);
    // "r:<project id>": an incident's repair run approved; only for a project the sender may
    // command, as /repair.
    if (kind == QLatin1String("r") && parts.size() == 2 && parts[1].size() >= 8)
        return repairProject(from, parts[1]);
    if (kind == QLatin1String("new") || kind == QLatin1String("go")) {
        // "go": started although its forecast is more than the budget left.
        const QString held = m_heldDescriptions.take(from.chatId);
        if (!held.isEmpty())
            startProject(from, held, kind == QLatin1String("go"));
        return;
    }
    if (kind == QLatin1String("cmd") && parts.size() == 2)
        return handleCommand(from, parts[1], {});
}

std::optional<RunRecord> TelegramBot::unfinishedRunOf(const EngineView& view, qint64 chatId,
                                                      std::optional<RunStatus::Value> status)
{
    if (view.runs.empty()) // a chat without runs (hasNoRuns) is given no view
        return std::nullopt;
    auto links = m_links.forChat(chatId);
    if (!links)
        return std::nullopt;
    for (const ChatLink& link : links.value())
        for (const RunRecord& run : view.runs) {
            if (run.id != link.runId || RunStatus::isFinished(run.status))
                continue;
            if (!status || run.status == *status)
                return run;
        }
    return std::nullopt;
}

void TelegramBot::reply(const Sender& to, const QString& text, const Json& markup)
{
    m_outbox->sendText(to.chatId, text, markup);
}

void TelegramBot::checkDigest()
{
    auto last = m_values->get(kDigestKey);
    if (!last)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!last->has_value()) { // first start: the first digest comes one period from now
        (void)m_values->set(kDigestKey, QString::number(now));
        return;
    }
    if (now - last->value().toLongLong() >= qint64(m_digestEveryHours) * 3600 * 1000)
        sendDigest();
}

void TelegramBot::sendDigest()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto last = m_values->get(kDigestKey);
    const qint64 since =
        last && last->has_value() ? last->value().toLongLong() : now - 24 * 3600 * 1000LL;
    m_engine.writeDigest(
        {since},
        whenAnswered<ReportEntry>(this, "the digest", [this, now](Result<ReportEntry> digest) {
            if (!digest) {
                log::get("telegram")->error("digest: {}", digest.error());
                return;
            }
            (void)m_values->set(kDigestKey, QString::number(now));
            for (qint64 admin : std::as_const(m_config.admins)) // an admin's chat has their id
                m_outbox->sendText(admin, digest->markdown);
        }));
}

} // namespace orch
