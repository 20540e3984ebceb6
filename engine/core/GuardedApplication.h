#pragma once
// The application object of both programs, with one last guard: an exception that escaped an
// event handler (a reply, a timer, a socket) is logged with the receiver and swallowed there,
// so one bad input costs one piece of work, never the process. The engine's own entry points
// have guards of their own that turn such failures into clear errors first.

#include "core/Log.h"

#include <QEvent>
#include <QObject>
#include <exception>

namespace orch {

template <typename Base> class GuardedApplication : public Base
{
public:
    using Base::Base;

    bool notify(QObject* receiver, QEvent* event) override
    {
        try {
            return Base::notify(receiver, event);
        } catch (const std::exception& e) {
            report(receiver, event, e.what());
        } catch (...) {
            report(receiver, event, "unknown exception");
        }
        return false;
    }

private:
    static void report(QObject* receiver, QEvent* event, const char* what) noexcept
    {
        try {
            log::get("app")->error("an event for {} (type {}) failed: {}",
                                   receiver ? receiver->metaObject()->className() : "nothing",
                                   event ? int(event->type()) : 0, what);
        } catch (...) {
        }
    }
};

} // namespace orch
