#pragma once
// The interface every model provider implements. A call is asynchronous: it reports by
// signal and always finishes exactly once (success, error, or abort).

#include "api/ChatTypes.h"
#include "core/Result.h"

#include <QObject>
#include <QString>

namespace orch {

class LlmCall : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    bool succeeded() const { return m_succeeded; }
    const ChatResponse& response() const { return m_response; }
    const QString& error() const { return m_error; }
    virtual void abort() = 0;

signals:
    void textDelta(const QString& text);
    void retrying(int attempt, int delayMs, const QString& reason);
    void finished();

protected:
    // Emits finished() from the event loop, never from inside the caller's stack.
    void finishWith(Result<ChatResponse> result);

private:
    bool m_finished = false;
    bool m_succeeded = false;
    ChatResponse m_response;
    QString m_error;
};

class LlmProvider
{
public:
    virtual ~LlmProvider() = default;
    // The call is parented to `parent`; it finishes by signal.
    virtual LlmCall* start(const ChatRequest& request, QObject* parent) = 0;
    // Shown in output and reports: "openai http://127.0.0.1:8080/v1".
    virtual QString label() const = 0;
};

} // namespace orch
