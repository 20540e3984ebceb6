#pragma once
// Tells a run's chat what the run does, from the engine's events: one progress message per
// run, edited as steps finish (at most once per interval per chat), questions with buttons,
// budget stops with top-up buttons, and the result (URL, repository, cost) at the end; later,
// what the deployment watcher sees change (HealthNotifier).

#include "api/EngineApi.h"
#include "api/RunEvents.h"
#include "telegram/ChatLinks.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace orch {

class Database;
class HealthNotifier;
class TelegramOutbox;

class RunNotifier : public QObject
{
    Q_OBJECT
public:
    // `database` holds the chat links.
    RunNotifier(EngineApi& engine, Database& database, TelegramOutbox& outbox, int intervalMs,
                QObject* parent);

    // A run just started from `chatId`: sends its progress message, or turns the message
    // `placeholderId` (the chat's "Starting…") into it.
    // `note`: a line the progress message keeps (the run's forecast).
    void watch(const QString& runId, qint64 chatId, const QString& language, const QString& name,
               const QString& note = {}, qint64 placeholderId = 0);
    static QString statusText(const RunOverview& run, const QString& language);

private:
    struct Progress
    {
        ChatLink link;
        QString name;
        QString note; // under the progress: the forecast the run started with
        double cost = 0;
        double simulatedCost = 0; // of `cost`: the offline demo model's
        int step = 0;
        QString agent;
        QStringList recent; // the last steps, newest last
        QString activity;   // what a coding agent does now (its last coding_step)
        QString shown;      // the text the message has now
        bool final = false;
        qint64 questionMessageId = 0; // the pending question's message, while it has buttons
        bool questionOpen = false;    // asked with buttons and not answered yet
        bool storeAway = false;       // paused until the database is back
    };
    void onEvent(const RunEvent& event);
    void notify(const RunEvent& event);
    Progress* progressFor(const QString& runId);
    // The run's progress is shown in `messageId` from now on (kept for a restart).
    void showIn(const QString& runId, qint64 chatId, qint64 messageId);
    QString progressText(const Progress& progress) const;
    void scheduleEdit(qint64 chatId);
    void flushEdits(qint64 chatId);
    void sendQuestion(Progress& progress, const QuestionAsked& question);
    // The question was answered (here, in the desktop, anywhere): its buttons go.
    void retireQuestion(Progress& progress);
    void sendResult(const Progress& progress, const RunEvent& finished);
    // An event of a run no chat started (a repair, a change from the desktop): linked to the
    // chat of the project's newest run that has one, then told there.
    void findProjectChat(const RunEvent& event, const QString& projectId);
    // A repair run the healer started: the chat of the incident follows its progress.
    void followRepair(const Progress& progress, const QString& runId);

    EngineApi& m_engine;
    TelegramOutbox& m_outbox;
    int m_intervalMs;
    ChatLinks m_links;
    HealthNotifier* m_health; // what the watcher and the healer see, one message per trouble
    QHash<QString, Progress> m_runs;
    QHash<qint64, qint64> m_lastEdit; // chat → when its last edit went out (ms)
    QHash<qint64, QTimer*> m_editTimers;
    QElapsedTimer m_clock;
};

} // namespace orch
