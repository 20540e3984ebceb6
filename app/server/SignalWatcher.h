#pragma once
// Turns SIGTERM and SIGINT into a Qt signal on the event loop (self-pipe), so shutdown runs
// as ordinary code: drain the runs, then quit.

#include <QObject>

class QSocketNotifier;

namespace orch::cli {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace orch::cli
