#include "llm/LlmProvider.h"

#include <QMetaObject>

namespace orch {

void LlmCall::finishWith(Result<ChatResponse> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_succeeded = result.ok();
    if (result.ok())
        m_response = std::move(result).value();
    else
        m_error = result.error();
    QMetaObject::invokeMethod(this, &LlmCall::finished, Qt::QueuedConnection);
}

} // namespace orch
