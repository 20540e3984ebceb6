#include "CheckpointModel.h"

#include "VariantJson.h"

namespace orch::ui {

namespace {

QString cut(const std::string& text, int limit)
{
    const QString whole = toQ(text);
    return whole.size() > limit ? whole.left(limit) + QStringLiteral("…") : whole;
}

} // namespace

CheckpointModel::CheckpointModel(QObject* parent) : QObject(parent) {}

void CheckpointModel::setSession(Session* session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
    load();
}

void CheckpointModel::setRunId(const QString& runId)
{
    if (m_runId == runId)
        return;
    m_runId = runId;
    m_step = -1;
    emit stepChanged();
    present(Json(), Json(), Json());
}

void CheckpointModel::setStep(int step)
{
    if (m_step == step)
        return;
    m_step = step;
    emit stepChanged();
    load();
}

void CheckpointModel::load()
{
    const int generation = ++m_generation;
    if (!m_session || !m_session->engine() || m_runId.isEmpty() || m_step < 0)
        return;
    // The checkpoint after this step and the one after the step before, for the diff.
    struct Answers
    {
        Json state, previous, cursor;
        int missing = 0;
        QString error;
    };
    auto answers = std::make_shared<Answers>();
    answers->missing = m_step > 0 ? 2 : 1;
    m_pending = answers->missing;
    m_error.clear();
    emit loaded();
    auto arrive = [this, self = QPointer<CheckpointModel>(this), generation, answers]() {
        if (!self || generation != m_generation || --answers->missing > 0)
            return;
        m_pending = 0;
        if (!answers->error.isEmpty()) {
            present(Json(), Json(), Json());
            m_error = answers->error;
            emit loaded();
            return;
        }
        present(answers->state, answers->previous, answers->cursor);
    };
    m_session->engine()->checkpoint({m_runId, m_step}, [answers, arrive](Result<Checkpoint> got) {
        if (got) {
            answers->state = got->state;
            answers->cursor = got->cursor;
        } else {
            answers->error = got.error();
        }
        arrive();
    });
    if (m_step > 0)
        m_session->engine()->checkpoint({m_runId, m_step - 1},
                                        [answers, arrive](Result<Checkpoint> got) {
                                            // Thinned away by retention: no diff, not an error.
                                            answers->previous = got ? got->state : Json::object();
                                            arrive();
                                        });
}

void CheckpointModel::show(const QVariant& state, const QVariant& previous, const QVariant& cursor)
{
    ++m_generation;
    m_pending = 0;
    present(jsonFromVariant(state), jsonFromVariant(previous), jsonFromVariant(cursor));
}

void CheckpointModel::present(const Json& state, const Json& previous, const Json& cursor)
{
    m_error.clear();
    m_tree.setDocument(state.is_object() ? state : Json::object());
    m_changes = previous.is_object() ? diff(previous, m_tree.document()) : QVariantList();
    QSet<QString> changed;
    for (const QVariant& change : m_changes)
        changed.insert(change.toMap().value(QStringLiteral("path")).toString());
    m_tree.setChangedPaths(std::move(changed));
    m_agent = toQ(stringOr(cursor, "agent"));
    m_conversation = conversationOf(cursor);
    setEditError({});
    emit loaded();
}

QVariantList CheckpointModel::diff(const Json& before, const Json& after)
{
    QVariantList changes;
    const Json patch = Json::diff(before, after);
    std::map<std::string, size_t> appended; // list → elements added at its end so far
    for (const Json& op : patch) {
        if (changes.size() >= kMaxChanges)
            break;
        std::string path = stringOr(op, "path");
        // An element added at a list's end is "…/-" in a patch; name it by its index.
        if (path.size() >= 2 && path.compare(path.size() - 2, 2, "/-") == 0) {
            const std::string list = path.substr(0, path.size() - 2);
            const Json* old = jsonAt(before, list);
            const size_t index = (old && old->is_array() ? old->size() : 0) + appended[list]++;
            path = list + "/" + std::to_string(index);
        }
        const std::string kind = stringOr(op, "op");
        const Json* old = jsonAt(before, path);
        const Json* now = jsonAt(after, path);
        changes << QVariantMap{
            {QStringLiteral("path"), toQ(path)},
            {QStringLiteral("op"), kind == "add"      ? QStringLiteral("added")
                                   : kind == "remove" ? QStringLiteral("removed")
                                                      : QStringLiteral("changed")},
            {QStringLiteral("before"), old ? JsonTreeModel::preview(*old) : QString()},
            {QStringLiteral("after"),
             now && kind != "remove" ? JsonTreeModel::preview(*now) : QString()}};
    }
    return changes;
}

QVariantList CheckpointModel::conversationOf(const Json& cursor)
{
    QVariantList messages;
    for (const Json& message : arrayAt(cursor, "conversation")) {
        QStringList tools;
        for (const Json& call : arrayAt(message, "tool_calls"))
            tools << toQ(stringOr(call, "name", "?"));
        QString role = toQ(stringOr(message, "role", "user"));
        if (role == QLatin1String("tool"))
            role += QStringLiteral(" · ") + cut(stringOr(message, "name"), 60);
        messages << QVariantMap{
            {QStringLiteral("role"), role},
            {QStringLiteral("text"), cut(stringOr(message, "content"), kMessageChars)},
            {QStringLiteral("tools"), tools.join(QStringLiteral(", "))},
            {QStringLiteral("failed"), boolOr(message, "is_error", false)}};
    }
    return messages;
}

PendingAction* CheckpointModel::forkWith(const QString& path, const QString& text)
{
    const Json* current = jsonAt(m_tree.document(), toStd(path));
    if (!current) {
        setEditError(tr("Choose a value in the state first."));
        return nullptr;
    }
    Json value;
    if (current->is_string()) {
        value = toStd(text);
    } else {
        value = parseJson(text.toUtf8());
        if (value.is_discarded()) {
            setEditError(tr("%1 holds JSON (a number, true/false, a list or an object); "
                            "this text is not JSON.")
                             .arg(path.left(200)));
            return nullptr;
        }
    }
    setEditError({});
    const Json edits = {{toStd(path), std::move(value)}};
    emit forking(toQ(dumpJson(edits)));
    return m_session ? m_session->forkWithEdits(m_runId, m_step, edits) : nullptr;
}

void CheckpointModel::setEditError(const QString& error)
{
    if (m_editError == error)
        return;
    m_editError = error;
    emit editErrorChanged();
}

} // namespace orch::ui
