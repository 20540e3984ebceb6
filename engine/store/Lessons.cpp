#include "store/Lessons.h"

#include "core/Redaction.h"
#include "store/Database.h"
#include "store/SqlValues.h"

#include <QVariant>
#include <set>

namespace orch {
namespace {

const QString kColumns = QStringLiteral(
    "SELECT id, template, tool, failure_class, signature, failure, fix, project_id, run_id, "
    "created_at, updated_at, uses, misses, recoveries, dropped_at, edited FROM lessons ");

// What a lesson keeps is bounded and never holds a secret: it goes to other projects' models.
QString keptText(const QString& text)
{
    return redaction::text(text.trimmed()).left(Lessons::kLongestText);
}

Lesson lessonFrom(const QSqlQuery& q)
{
    Lesson lesson;
    lesson.id = q.value(0).toLongLong();
    lesson.templateName = q.value(1).toString();
    lesson.tool = q.value(2).toString();
    lesson.failureClass = q.value(3).toString();
    lesson.signature = q.value(4).toString();
    lesson.failure = q.value(5).toString();
    lesson.fix = q.value(6).toString();
    lesson.projectId = q.value(7).toString();
    lesson.runId = q.value(8).toString();
    lesson.createdAt = q.value(9).toLongLong();
    lesson.updatedAt = q.value(10).toLongLong();
    lesson.uses = q.value(11).toInt();
    lesson.misses = q.value(12).toInt();
    lesson.recoveries = q.value(13).toInt();
    lesson.droppedAt = q.value(14).toLongLong();
    lesson.edited = q.value(15).toInt() != 0;
    return lesson;
}

} // namespace

Result<std::vector<Lesson>> Lessons::select(const QString& tail, const QVariantList& values)
{
    QSqlQuery& q = m_db.prepared(kColumns + tail);
    for (const QVariant& value : values)
        q.addBindValue(value);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<Lesson> lessons;
    while (q.next())
        lessons.push_back(lessonFrom(q));
    q.finish();
    return lessons;
}

Result<qint64> Lessons::learn(const LessonDraft& draft, qint64 atMs)
{
    const QString fix = keptText(draft.fix);
    auto same =
        select(QStringLiteral("WHERE template = ? AND tool = ? AND signature = ? "
                              "ORDER BY dropped_at, id DESC"),
               {sql::str(draft.templateName), sql::str(draft.tool), sql::str(draft.signature)});
    if (!same)
        return same.failure();
    // A fix that was dropped for not helping is not learned again as it was.
    for (const Lesson& dropped : same.value())
        if (dropped.dropped() && dropped.fix == fix)
            return dropped.id;
    if (!same->empty() && !same->front().dropped()) {
        // The newer fix is the one that worked last; a person's wording stays theirs.
        const Lesson& known = same->front();
        QSqlQuery& q = m_db.prepared(
            QStringLiteral("UPDATE lessons SET fix = CASE WHEN edited = 1 THEN fix ELSE ? END, "
                           "updated_at = ?, recoveries = recoveries + 1, run_id = ? WHERE id = ?"));
        for (const QVariant& v :
             {QVariant(fix), QVariant(atMs), sql::str(draft.runId), QVariant(known.id)})
            q.addBindValue(v);
        if (auto ok = Database::exec(q); !ok)
            return ok.failure();
        return known.id;
    }
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "INSERT INTO lessons (template, tool, failure_class, signature, failure, fix, "
        "project_id, run_id, created_at, updated_at, uses, misses, recoveries, dropped_at, "
        "edited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 1, 0, 0) RETURNING id"));
    for (const QVariant& v :
         {sql::str(draft.templateName), sql::str(draft.tool), sql::str(draft.failureClass),
          sql::str(draft.signature.left(kLongestText)), sql::str(keptText(draft.failure)),
          sql::str(fix), sql::str(draft.projectId), sql::str(draft.runId), QVariant(atMs),
          QVariant(atMs)})
        q.addBindValue(v);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return id;
}

Result<std::vector<Lesson>> Lessons::forTemplate(const QString& templateName, int limit,
                                                 const std::function<bool(const Lesson&)>& wanted)
{
    if (limit <= 0)
        return std::vector<Lesson>{};
    auto found = candidates(templateName);
    if (!found)
        return found;
    return choose(found.value(), limit, wanted);
}

Result<std::vector<Lesson>> Lessons::candidates(const QString& templateName)
{
    return select(QStringLiteral("WHERE template = ? AND dropped_at = 0 ORDER BY updated_at DESC, "
                                 "id DESC LIMIT 200"),
                  {sql::str(templateName)});
}

std::vector<Lesson> Lessons::choose(const std::vector<Lesson>& candidates, int limit,
                                    const std::function<bool(const Lesson&)>& wanted)
{
    std::vector<Lesson> pool;
    for (const Lesson& lesson : candidates)
        if (wanted(lesson))
            pool.push_back(lesson);
    std::vector<Lesson> chosen;
    std::set<qint64> taken;
    const int newest = (limit + 1) / 2;
    for (const Lesson& lesson : pool) {
        if (int(chosen.size()) >= newest)
            break;
        chosen.push_back(lesson);
        taken.insert(lesson.id);
    }
    std::vector<Lesson> rest;
    for (const Lesson& lesson : pool)
        if (!taken.count(lesson.id))
            rest.push_back(lesson);
    std::stable_sort(rest.begin(), rest.end(),
                     [](const Lesson& a, const Lesson& b) { return a.uses > b.uses; });
    for (const Lesson& lesson : rest) {
        if (int(chosen.size()) >= limit)
            break;
        chosen.push_back(lesson);
    }
    return chosen;
}

Result<std::vector<Lesson>> Lessons::list(bool withDropped)
{
    return select(withDropped ? QStringLiteral("ORDER BY updated_at DESC, id DESC")
                              : QStringLiteral("WHERE dropped_at = 0 ORDER BY updated_at DESC, "
                                               "id DESC"),
                  {});
}

Result<std::optional<Lesson>> Lessons::find(qint64 id)
{
    auto found = select(QStringLiteral("WHERE id = ?"), {QVariant(id)});
    if (!found)
        return found.failure();
    if (found->empty())
        return std::optional<Lesson>{};
    return std::optional<Lesson>{found->front()};
}

Result<void> Lessons::given(qint64 id)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("UPDATE lessons SET uses = uses + 1 WHERE id = ?"));
    q.addBindValue(id);
    return Database::exec(q);
}

Result<bool> Lessons::missed(qint64 id, qint64 atMs)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "UPDATE lessons SET misses = misses + 1, dropped_at = CASE WHEN dropped_at = 0 AND "
        "misses + 1 >= ? THEN ? ELSE dropped_at END WHERE id = ? RETURNING dropped_at"));
    q.addBindValue(kMissesToDrop);
    q.addBindValue(atMs);
    q.addBindValue(id);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const bool dropped = q.next() && q.value(0).toLongLong() == atMs;
    q.finish();
    return dropped;
}

Result<bool> Lessons::edit(qint64 id, const QString& failure, const QString& fix, qint64 atMs)
{
    // A person's correction is a new chance: its misses start over, and a dropped lesson
    // is given again.
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("UPDATE lessons SET failure = ?, fix = ?, edited = 1, updated_at = ?, "
                       "misses = 0, dropped_at = 0 WHERE id = ? RETURNING id"));
    for (const QVariant& v :
         {sql::str(keptText(failure)), sql::str(keptText(fix)), QVariant(atMs), QVariant(id)})
        q.addBindValue(v);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const bool found = q.next();
    q.finish();
    return found;
}

Result<bool> Lessons::remove(qint64 id)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("DELETE FROM lessons WHERE id = ? RETURNING id"));
    q.addBindValue(id);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const bool found = q.next();
    q.finish();
    return found;
}

} // namespace orch
