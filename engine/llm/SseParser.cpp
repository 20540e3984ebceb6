#include "llm/SseParser.h"

namespace orch {

std::vector<SseEvent> SseParser::feed(const QByteArray& bytes)
{
    std::vector<SseEvent> out;
    m_pending.append(bytes);
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = m_pending.indexOf('\n', start);
        if (newline < 0)
            break;
        QByteArray line = m_pending.mid(start, newline - start);
        if (line.endsWith('\r'))
            line.chop(1);
        takeLine(std::move(line), out);
        start = newline + 1;
    }
    m_pending.remove(0, start);
    return out;
}

void SseParser::takeLine(QByteArray line, std::vector<SseEvent>& out)
{
    if (line.isEmpty()) { // blank line dispatches the event
        if (m_hasData || !m_current.event.isEmpty())
            out.push_back(std::move(m_current));
        m_current = {};
        m_hasData = false;
        return;
    }
    if (line.startsWith(':'))
        return; // comment / keep-alive
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        if (m_hasData)
            m_current.data.append('\n');
        m_current.data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_current.event = value;
    }
}

} // namespace orch
