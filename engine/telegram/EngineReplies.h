#pragma once
// The Telegram front end's side of an engine call: the answer is handled only while its
// receiver lives, and anything it throws costs that answer, never the server.

#include "api/EngineApi.h"
#include "core/Guard.h"

#include <QPointer>

namespace orch {

template <typename T, typename Handle>
Reply<T> whenAnswered(QObject* receiver, const char* where, Handle handle)
{
    return [receiver = QPointer<QObject>(receiver), where,
            handle = std::move(handle)](Result<T> answer) mutable {
        if (receiver)
            (void)guarded("telegram", where, [&] { handle(std::move(answer)); });
    };
}

} // namespace orch
