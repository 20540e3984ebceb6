#pragma once
// What runs learned from failures they recovered from: the failure's class and signature (the
// reason with numbers, paths and ids taken out), what fixed it, the template and the tool
// that found it. Later runs on the same template are given the lessons that concern their
// agents; a lesson given to a run in which the same failure came back counts a miss, and after
// two it is dropped (kept for the list, never given again). People list, edit and delete them.

#include "api/LessonRecords.h"
#include "core/Result.h"

#include <QString>
#include <functional>
#include <optional>
#include <vector>

namespace orch {

class Database;

class Lessons
{
public:
    static constexpr int kMissesToDrop = 2;
    static constexpr int kLongestText = 600;

    explicit Lessons(Database& database) : m_db(database) {}

    // A recovery: a new lesson, or the same failure's lesson on the template (not dropped)
    // told the newer fix; the same fix as a dropped lesson's is not learned again. Returns the
    // lesson's id.
    Result<qint64> learn(const LessonDraft& draft, qint64 atMs);
    // What may be given to a run on `templateName`, at most `limit`: half the newest, the rest
    // the most used of the others (so a new lesson gets its chance and a proven one stays).
    // Only lessons `wanted` accepts are counted (those that concern the agent).
    Result<std::vector<Lesson>> forTemplate(const QString& templateName, int limit,
                                            const std::function<bool(const Lesson&)>& wanted);
    // The same in two parts: what could be given on a template (read once for a run's agents),
    // then the choice among them for one agent.
    Result<std::vector<Lesson>> candidates(const QString& templateName);
    static std::vector<Lesson> choose(const std::vector<Lesson>& candidates, int limit,
                                      const std::function<bool(const Lesson&)>& wanted);
    Result<std::vector<Lesson>> list(bool withDropped);
    Result<std::optional<Lesson>> find(qint64 id);
    Result<void> given(qint64 id);
    // The failure came back in a run it was given to; true when that dropped it.
    Result<bool> missed(qint64 id, qint64 atMs);
    // A person's correction of what it says; false when there is no such lesson.
    Result<bool> edit(qint64 id, const QString& failure, const QString& fix, qint64 atMs);
    Result<bool> remove(qint64 id);

private:
    Result<std::vector<Lesson>> select(const QString& tail, const QVariantList& values);

    Database& m_db;
};

} // namespace orch
