#include "StoreCommands.h"

#include "facade/Engine.h"

#include <QDateTime>
#include <cstdio>

namespace orch::cli {
namespace {

QString megabytes(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(double(bytes) / 1e6, 0, 'f', 1);
}

} // namespace

QString storageLine(const StorageStatus& storage)
{
    QString line = QStringLiteral("database: %1 (%2 free)")
                       .arg(megabytes(storage.databaseBytes), megabytes(storage.freeBytes));
    line += storage.lastPruneMs > 0 ? QStringLiteral(", pruned %1")
                                          .arg(QDateTime::fromMSecsSinceEpoch(storage.lastPruneMs)
                                                   .toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                                    : QStringLiteral(", never pruned");
    return line;
}

int pruneCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Apply the retention policy now (settings \"retention\": checkpoints_after_days, "
        "checkpoints_every, events_days): finished runs keep every Nth checkpoint and their "
        "last once the period is over, and their old events go. A serving orchestratord does "
        "this once a day."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("vacuum"),
                      QStringLiteral("Then give the freed space back to the file system (blocks "
                                     "other processes while it rewrites the database).")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object.")});
    if (!parse(parser, context))
        return BadArguments;
    auto engine = makeEngine(parser, false);
    if (!engine)
        return BadArguments;
    auto before = engine->storageStatus();
    auto pruned = engine->prune(parser.isSet(QStringLiteral("vacuum")));
    auto after = engine->storageStatus();
    if (!pruned || !before || !after) {
        printError(!pruned ? pruned.error() : before ? after.error() : before.error());
        return Failed;
    }
    const PruneReport& r = pruned.value();
    if (parser.isSet(QStringLiteral("json"))) {
        const Json report = {{"runs_thinned", r.runsThinned},
                             {"checkpoints_removed", r.checkpointsRemoved},
                             {"messages_removed", r.messagesRemoved},
                             {"events_removed", r.eventsRemoved},
                             {"database_bytes_before", before->databaseBytes},
                             {"database_bytes_after", after->databaseBytes},
                             {"free_bytes_after", after->freeBytes}};
        std::printf("%s\n", dumpJson(report).c_str());
        return Completed;
    }
    std::printf("thinned %d run(s): removed %lld checkpoint(s), %lld message(s), %lld event(s)\n",
                r.runsThinned, static_cast<long long>(r.checkpointsRemoved),
                static_cast<long long>(r.messagesRemoved), static_cast<long long>(r.eventsRemoved));
    std::printf("%s\n", qPrintable(storageLine(after.value())));
    return Completed;
}

} // namespace orch::cli
