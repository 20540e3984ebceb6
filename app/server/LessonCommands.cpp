#include "LessonCommands.h"

#include "api/AwaitAnswer.h"
#include "api/WireFormat.h"

#include <cstdio>

namespace orch::cli {
namespace {

void printLesson(const Lesson& lesson)
{
    QString standing = QStringLiteral("given %1, missed %2").arg(lesson.uses).arg(lesson.misses);
    if (lesson.dropped())
        standing += QStringLiteral(", dropped");
    if (lesson.edited)
        standing += QStringLiteral(", edited");
    std::printf("#%lld  %s  %s  (%s)\n    failed: %s\n    fixed by: %s\n",
                static_cast<long long>(lesson.id),
                qPrintable(lesson.templateName.isEmpty() ? QStringLiteral("(no template)")
                                                         : lesson.templateName),
                qPrintable(lesson.tool), qPrintable(standing),
                qPrintable(lesson.failure.simplified()), qPrintable(lesson.fix.simplified()));
}

int exitFor(const Error& error)
{
    printError(error.message);
    return error.code == ErrorCode::NotFound || error.code == ErrorCode::Invalid ||
                   error.code == ErrorCode::BadRequest
               ? BadArguments
               : Failed;
}

} // namespace

int lessonsCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "What runs learned from failures they recovered from; later runs on the same template "
        "are given them. Without an action: the list (--all: with the dropped ones, which did "
        "not help twice). `edit ID --fix TEXT [--failure TEXT]`: your wording, given again from "
        "now on. `delete ID`: forgotten."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("all"), QStringLiteral("With the dropped lessons.")});
    parser.addOption({QStringLiteral("fix"), QStringLiteral("edit: what fixes the failure."),
                      QStringLiteral("TEXT")});
    parser.addOption(
        {QStringLiteral("failure"), QStringLiteral("edit: what failed."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line.")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("list (default), edit or delete."));
    parser.addPositionalArgument(QStringLiteral("id"), QStringLiteral("The lesson's number."));
    if (!parse(parser, context))
        return BadArguments;
    const QStringList words = parser.positionalArguments();
    const QString action = words.value(0, QStringLiteral("list"));
    const bool json = parser.isSet(QStringLiteral("json"));
    qint64 id = 0;
    if (action == QLatin1String("edit") || action == QLatin1String("delete")) {
        bool number = false;
        id = words.value(1).toLongLong(&number);
        if (words.size() != 2 || !number || id <= 0) {
            printError(QStringLiteral("lessons %1 needs the lesson's number").arg(action));
            return BadArguments;
        }
    } else if (action != QLatin1String("list") || words.size() > 1) {
        printError(QStringLiteral("lessons: list, edit ID or delete ID"));
        return BadArguments;
    }
    if (action == QLatin1String("edit") && !parser.isSet(QStringLiteral("fix"))) {
        printError(QStringLiteral("lessons edit needs --fix"));
        return BadArguments;
    }
    auto engine = makeEngine(parser, false);
    if (!engine)
        return BadArguments;

    if (action == QLatin1String("delete")) {
        if (auto removed = awaitAnswer(*engine, &EngineApi::deleteLesson, {id}); !removed)
            return exitFor(Error{removed.error(), removed.code()});
        std::printf(json ? "{\"ok\": true}\n" : "lesson %lld forgotten\n",
                    static_cast<long long>(id));
        return Completed;
    }
    if (action == QLatin1String("edit")) {
        auto edited = awaitAnswer(
            *engine, &EngineApi::editLesson,
            {id, parser.value(QStringLiteral("failure")), parser.value(QStringLiteral("fix"))});
        if (!edited)
            return exitFor(Error{edited.error(), edited.code()});
        if (json)
            std::printf("%s\n", dumpJson(wire::toJson(edited.value())).c_str());
        else
            printLesson(edited.value());
        return Completed;
    }
    auto lessons = awaitAnswer(*engine, &EngineApi::lessons, {parser.isSet(QStringLiteral("all"))});
    if (!lessons)
        return exitFor(Error{lessons.error(), lessons.code()});
    for (const Lesson& lesson : lessons.value()) {
        if (json)
            std::printf("%s\n", dumpJson(wire::toJson(lesson)).c_str());
        else
            printLesson(lesson);
    }
    if (!json && lessons->empty())
        std::printf("no lessons yet: runs keep one when they recover from a failure\n");
    return Completed;
}

} // namespace orch::cli
