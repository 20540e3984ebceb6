#pragma once
// Incremental Server-Sent Events parser: feed it bytes as they arrive (any split, down to
// one byte), take complete events out.

#include <QByteArray>
#include <vector>

namespace orch {

struct SseEvent
{
    QByteArray event; // empty when the stream gave no "event:" line
    QByteArray data;  // "data:" lines joined by '\n'
};

class SseParser
{
public:
    std::vector<SseEvent> feed(const QByteArray& bytes);

private:
    void takeLine(QByteArray line, std::vector<SseEvent>& out);

    QByteArray m_pending;
    SseEvent m_current;
    bool m_hasData = false;
};

} // namespace orch
