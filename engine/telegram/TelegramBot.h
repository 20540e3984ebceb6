#pragma once
// The Telegram face of the server: reads updates by long polling, lets only allow-listed
// users command (anyone else gets one refusal showing their id), turns commands, plain
// messages and button presses into engine requests, and answers in the person's language.
// Each update's offset is saved right after it was handled, so a restart neither repeats
// nor skips one. What runs report back (progress, questions, results) is RunNotifier's job.

#include "api/EngineApi.h"
#include "telegram/ChatLinks.h"
#include "telegram/PendingStarts.h"
#include "telegram/TelegramConfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <deque>

namespace orch {

class Database;
class DeadLetters;
class PlaceholderMessages;
class RunNotifier;
class ServerValues;
class TelegramApi;
class TelegramOutbox;
class TelegramPoller;

class TelegramBot : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxUpdateBytes = 64 * 1024; // Telegram's own are far smaller

    // `engine` is the only way to the engine; `database` keeps the bot's own records (chat
    // links, the update offset, dead letters).
    TelegramBot(EngineApi& engine, Database& database, const TelegramConfig& config,
                const QByteArray& token, QObject* parent);
    ~TelegramBot() override;

    // Registers the command menus (English and Russian) and starts polling.
    Result<void> start();
    void stop();
    // Sends the digest to every admin now and remembers when.
    void sendDigest();
    void setDigestEveryHours(int hours);
    void setAwayEveryDays(int days); // 0: only on /away
    // Messages not yet delivered (shutdown waits a little for them).
    int undelivered() const;

private:
    struct Sender
    {
        qint64 userId = 0;
        qint64 chatId = 0;
        QString language;
        bool admin = false;
        qint64 messageId = 0; // the message this came in (0 for a button)
    };
    // Every update enters here: one that is too large, not an object, or that breaks its
    // handler becomes a dead letter (kept, admins told once), never a crash or a retry loop.
    void onUpdate(const Json& update);
    void keepDeadLetter(const QByteArray& raw, const QString& reason);
    void tellAdmins(const QString& text); // in English: the operator's language
    void handleUpdate(const Json& update);
    // What a command needs to know of the engine, read in one go.
    struct EngineView
    {
        std::vector<RunRecord> runs; // newest first
        std::vector<ProjectRecord> projects;
        QString projectName(const QString& projectId) const;
    };
    // Reads the view, then runs `then` with it; a failure is told to the sender.
    void withView(const Sender& from, std::function<void(const EngineView&)> then);
    // The runs this sender may see and command, newest first: those started in their chat
    // (admins: all). One read of the chat's links, whatever the number of runs.
    Result<std::vector<RunRecord>> visibleRuns(const EngineView& view, const Sender& from);
    bool startedIn(const QString& runId, qint64 chatId);
    void handleText(const Sender& from, const QString& text);
    void handleCommand(const Sender& from, const QString& command, const QString& argument);
    void handleButton(const Sender& from, const QString& data);
    void startUnlessBusy(const EngineView& view, const Sender& from, const QString& description);
    // `anyway`: the person chose to start although the forecast is more than the budget left.
    void startProject(const Sender& from, const QString& description, bool anyway = false);
    struct QueuedStart;
    void forecastThenStart(const QueuedStart& queued);
    void startNextQueued();
    void dropQueuedStarts();
    void resumePendingStarts(); // left by a process that ended before their outcome
    // Answers the chat with the text of `textKey`, then queues the start once Telegram has it.
    void answerThenQueue(const Sender& from, const QString& name, const QString& description,
                         bool anyway, const char* textKey);
    void forgetPendingStart(qint64 chatId);
    void saveHandled(qint64 nextOffset); // the offset, with the starts the update asked for
    void tellNotStarted(const Sender& from, const QString& name);
    static constexpr int kStartSliceMs = 4;
    static constexpr int kAnswersFirstMs = 250;
    static constexpr int kAnswersPollMs = 2;
    // Links a run this chat started to it and sends its progress there.
    void follow(const Sender& from, const QString& runId, const QString& name,
                const QString& note = {});
    void answerRun(const Sender& from, const QString& runId, const QString& answer);
    void answerSecret(const Sender& from, const QString& runId, const QString& value);
    void answerPlainly(const Sender& from, const QString& runId, const QString& answer);
    void answerWithOption(const Sender& from, const QString& runId, const QString& choice);
    void showProjects(const Sender& from);
    void showStatus(const Sender& from, const QString& which);
    void sendReport(const Sender& from, const QString& which);
    void showBalance(const Sender& from);
    void topUp(const Sender& from, const QString& amount);
    void cancelRun(const Sender& from, const QString& which);
    // "/change <project>: <what>" (or "<first word> <what>"): a new run on that project.
    void changeProject(const Sender& from, const QString& argument);
    // /redeploy, or /rollback when `back` (TelegramBotDeploys.cpp).
    void deployAgain(const Sender& from, const QString& which, bool back);
    // /domain <project> <domain>: accepted once it points at the project's server, else the
    // record to create (TelegramBotDeploys.cpp).
    void giveDomain(const Sender& from, const QString& argument);
    // /repair <project> [off|ask|auto] [USD]: a repair run now (as the incident's button), or
    // the project's repair policy and monthly budget set (TelegramBotDeploys.cpp).
    void repairProject(const Sender& from, const QString& argument);
    // The run a command means: a project matching `which` (name or id prefix), else the
    // chat's newest run.
    Result<RunRecord> runFor(const EngineView& view, const Sender& from, const QString& which);
    bool hasNoRuns(const Sender& from); // the chat never started a run
    std::optional<RunRecord> unfinishedRunOf(const EngineView& view, qint64 chatId,
                                             std::optional<RunStatus::Value> status = {});
    void reply(const Sender& to, const QString& text, const Json& markup = Json());
    void checkDigest();
    // "While you were away" (TelegramBotAway.cpp): on /away (admins: it covers every
    // project), and every `away.every_days` to each admin.
    void showAway(const Sender& from);
    void checkAway();
    void sendAway(qint64 chatId, const QString& language, qint64 sinceMs, bool scheduled);

    EngineApi& m_engine;
    Database& m_db;
    TelegramConfig m_config;
    TelegramApi* m_api;
    TelegramOutbox* m_outbox;
    TelegramPoller* m_poller = nullptr;
    RunNotifier* m_notifier;
    PlaceholderMessages* m_placeholders;
    ChatLinks m_links;
    PendingStarts m_pendingStarts;
    std::vector<PendingStart> m_unsavedStarts; // asked for by the update being handled
    std::unique_ptr<ServerValues> m_values;
    std::unique_ptr<DeadLetters> m_deadLetters;
    QSet<qint64> m_refused;                    // told once per start
    bool m_toldAboutDeadLetters = false;       // admins hear of the first one per start
    QHash<qint64, QString> m_heldDescriptions; // chat → a description waiting for "start anyway"
    QHash<qint64, QString> m_starting;         // chat → the project whose start is on its way
    struct QueuedStart                         // a start whose "Starting…" is out
    {
        Sender from;
        QString name;
        QString description;
        bool anyway = false;
        qint64 queuedAt = 0; // m_clock
    };
    std::deque<QueuedStart> m_startQueue;
    QTimer m_startTimer;
    QElapsedTimer m_clock;
    bool m_stopping = false;
    QTimer m_digestTimer;
    int m_digestEveryHours = 24;
    int m_awayEveryDays = 7;
};

} // namespace orch
