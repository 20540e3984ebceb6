#pragma once
// A lesson a run learned from a failure it recovered from (store/Lessons.h keeps them): what
// the failure was, what fixed it, for which template and tool, and how it has done since.

#include <QString>

namespace orch {

struct LessonDraft
{
    QString templateName;
    QString tool;         // what found the failure: run_tests, deploy, checks, …
    QString failureClass; // code
    QString signature;    // the failure without what changes from one time to the next
    QString failure;      // the failure as it was seen (bounded)
    QString fix;          // what the run changed before it passed
    QString projectId;
    QString runId;
};

struct Lesson : LessonDraft
{
    qint64 id = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    int uses = 0;       // runs it was given to
    int misses = 0;     // of those, runs where the same failure came back
    int recoveries = 1; // times a run recovered from this failure
    qint64 droppedAt = 0;
    bool edited = false; // a person changed it
    bool dropped() const { return droppedAt > 0; }
};

} // namespace orch
