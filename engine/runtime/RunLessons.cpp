// What a run learns from the failures it recovers from, and what it is given of what earlier
// runs learned (store/Lessons.h). None of it is in the run's way: a store that cannot be read
// or written costs the lesson, never the step.
#include "core/Log.h"
#include "runtime/FailureMemory.h"
#include "runtime/Run.h"
#include "store/Database.h"
#include "store/RunStore.h"

#include <QDateTime>

namespace orch {
namespace {

constexpr int kLessonsPerAgent = 5;
constexpr size_t kChangesKept = 12;

QString templateOf(const Json& state)
{
    return toQ(stringOr(objectAt(state, "scaffold"), "template"));
}

Json& objectMember(Json& parent, const char* key, Json empty)
{
    Json& member = parent[key];
    if (member.type() != empty.type())
        member = std::move(empty);
    return member;
}

} // namespace

void Run::learnFromStep(const AgentDefinition& agent, const StepOutcome& outcome, size_t known)
{
    // This step's messages (a condensed conversation is shorter: then its last reply).
    const auto& conversation = outcome.conversation;
    const std::vector<ChatMessage> newMessages(
        conversation.begin() +
            std::ptrdiff_t(known <= conversation.size()
                               ? known
                               : conversation.size() - std::min<size_t>(2, conversation.size())),
        conversation.end());
    Json& memory = m_cursor.failureMemory;
    if (!memory.is_object())
        memory = Json::object();
    Json& open = objectMember(memory, "open", Json::object());
    Json& given = objectMember(memory, "given", Json::array());
    Lessons lessons(m_setup.store->database());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Json& update = outcome.stateUpdate;

    if (failureMemory::editsCode(agent) && !open.empty())
        for (const QString& change : failureMemory::changesIn(newMessages))
            for (auto& [tool, failure] : open.items()) {
                Json& changes = objectMember(failure, "changes", Json::array());
                if (changes.size() < kChangesKept &&
                    std::find(changes.begin(), changes.end(), toStd(change)) == changes.end())
                    changes.push_back(toStd(change));
            }

    for (auto it = open.begin(); it != open.end();) {
        const QString tool = toQ(it.key());
        if (!failureMemory::recovers(tool, update, outcome.tools)) {
            ++it;
            continue;
        }
        // Passing again with nothing changed (a flaky test, a server that came up) teaches
        // nothing.
        QStringList changes;
        for (const Json& change : arrayAt(*it, "changes"))
            changes << toQ(change.is_string() ? change.get<std::string>() : std::string());
        changes.removeAll(QString());
        if (!changes.isEmpty()) {
            const LessonDraft draft{
                templateOf(state()),          tool,
                toQ(stringOr(*it, "class")),  toQ(stringOr(*it, "signature")),
                toQ(stringOr(*it, "reason")), changes.join(QStringLiteral("; ")),
                m_record.projectId,           m_record.id};
            m_lessonCandidates.clear();
            if (auto kept = lessons.learn(draft, now); !kept)
                log::get("graph")->warn("run {}: a lesson was not kept: {}", m_record.id,
                                        kept.error());
            else
                log::get("graph")->info("run {}: recovered from a {} failure; lesson {}",
                                        m_record.id, tool, kept.value());
        }
        it = open.erase(it);
    }

    for (const failureMemory::Failure& failure : failureMemory::failuresIn(update)) {
        for (Json& lesson : given) {
            if (boolOr(lesson, "missed", false) ||
                stringOr(lesson, "tool") != toStd(failure.tool) ||
                stringOr(lesson, "signature") != toStd(failure.signature))
                continue;
            lesson["missed"] = true; // once per run
            const qint64 id = intOr(lesson, "id", 0);
            m_lessonCandidates.clear();
            if (auto dropped = lessons.missed(id, now); !dropped)
                log::get("graph")->warn("run {}: lesson {}: {}", m_record.id, id, dropped.error());
            else
                log::get("graph")->info("run {}: lesson {} did not help{}", m_record.id, id,
                                        dropped.value() ? ", and is dropped" : "");
        }
        Json& slot = open[toStd(failure.tool)];
        // The code changed for another failure fixed that one: this one starts over.
        Json changes = stringOr(slot, "signature") == toStd(failure.signature)
                           ? arrayAt(slot, "changes")
                           : Json::array();
        slot = {{"class", toStd(failure.failureClass)},
                {"reason", toStd(failure.reason)},
                {"signature", toStd(failure.signature)},
                {"changes", std::move(changes)}};
    }
}

QString Run::lessonsFor(const AgentDefinition& agent)
{
    const QString templateName = templateOf(state());
    Lessons lessons(m_setup.store->database());
    // Read once per template for the run's agents, again after the run learned one.
    auto known = m_lessonCandidates.find(templateName);
    if (known == m_lessonCandidates.end()) {
        auto read = lessons.candidates(templateName);
        if (!read) {
            log::get("graph")->warn("run {}: lessons not read: {}", m_record.id, read.error());
            return {};
        }
        known = m_lessonCandidates.emplace(templateName, std::move(read).value()).first;
    }
    const std::vector<Lesson> found =
        Lessons::choose(known->second, kLessonsPerAgent,
                        [&agent](const Lesson& l) { return failureMemory::concerns(l, agent); });
    Json& memory = m_cursor.failureMemory;
    if (!memory.is_object())
        memory = Json::object();
    Json& given = objectMember(memory, "given", Json::array());
    for (const Lesson& lesson : found) {
        const bool known = std::any_of(given.begin(), given.end(), [&lesson](const Json& g) {
            return intOr(g, "id", 0) == lesson.id;
        });
        if (known)
            continue;
        given.push_back({{"id", lesson.id},
                         {"tool", toStd(lesson.tool)},
                         {"signature", toStd(lesson.signature)},
                         {"missed", false}});
        if (auto counted = lessons.given(lesson.id); !counted)
            log::get("graph")->warn("run {}: lesson {}: {}", m_record.id, lesson.id,
                                    counted.error());
    }
    return failureMemory::lessonsText(templateName, found);
}

} // namespace orch
