// What runs learned from their failures, for the person to read, correct and forget
// (store/Lessons.h; the runs give and count them in runtime/RunLessons.cpp).
#include "facade/Engine.h"
#include "store/Lessons.h"
#include "store/RunStore.h"

#include <QDateTime>

namespace orch {
namespace {

// More is refused, not cut: the person meant all of it.
constexpr qsizetype kLongestEdit = Lessons::kLongestText;

Error noLesson(qint64 id)
{
    return Error{QStringLiteral("no lesson %1").arg(id), ErrorCode::NotFound};
}

} // namespace

void Engine::lessons(const api::LessonsParams& params, Reply<std::vector<Lesson>> done)
{
    deliver(std::move(done), Lessons(m_store->database()).list(params.all));
}

void Engine::editLesson(const api::LessonEdit& params, Reply<Lesson> done)
{
    auto refuse = [&](const QString& why) {
        deliver(std::move(done), Result<Lesson>(Error{why, ErrorCode::Invalid}));
    };
    const QString fix = params.fix.trimmed();
    if (fix.isEmpty())
        return refuse(QStringLiteral("fix: say what fixes the failure"));
    if (fix.size() > kLongestEdit || params.failure.size() > kLongestEdit)
        return refuse(QStringLiteral("a lesson is read by every run on its template: keep "
                                     "`failure` and `fix` under %1 characters each")
                          .arg(kLongestEdit));
    Lessons lessons(m_store->database());
    auto found = lessons.find(params.id);
    if (!found)
        return deliver(std::move(done), Result<Lesson>(found.failure()));
    if (!found->has_value())
        return deliver(std::move(done), Result<Lesson>(noLesson(params.id)));
    const QString failure =
        params.failure.trimmed().isEmpty() ? found->value().failure : params.failure.trimmed();
    auto edited = lessons.edit(params.id, failure, fix, QDateTime::currentMSecsSinceEpoch());
    if (!edited)
        return deliver(std::move(done), Result<Lesson>(edited.failure()));
    auto now = lessons.find(params.id);
    if (!now || !now->has_value())
        return deliver(std::move(done), Result<Lesson>(noLesson(params.id)));
    deliver(std::move(done), Result<Lesson>(now->value()));
}

void Engine::deleteLesson(const api::LessonRef& params, Reply<void> done)
{
    auto removed = Lessons(m_store->database()).remove(params.id);
    if (!removed)
        return deliver(std::move(done), Result<void>(removed.failure()));
    if (!removed.value())
        return deliver(std::move(done), Result<void>(noLesson(params.id)));
    deliver(std::move(done), Result<void>());
}

} // namespace orch
