#pragma once
// The one logging path: a named spdlog logger per subsystem ("llm", "store", "graph", ...),
// all writing to stderr. Program output (CLI lines) is not logging and goes to stdout.

#include <QByteArray>
#include <QString>
#include <memory>
#include <spdlog/spdlog.h>
#include <string_view>

template <> struct fmt::formatter<QString> : fmt::formatter<std::string_view>
{
    template <typename Context> auto format(const QString& text, Context& ctx) const
    {
        const QByteArray utf8 = text.toUtf8();
        return fmt::formatter<std::string_view>::format(
            std::string_view(utf8.constData(), size_t(utf8.size())), ctx);
    }
};

namespace orch::log {

std::shared_ptr<spdlog::logger> get(const std::string& subsystem);
// Every subsystem's lines also go to `sink` (for a test that scans what was logged).
void addSink(spdlog::sink_ptr sink);
void removeSink(const spdlog::sink_ptr& sink);
// Accepts trace|debug|info|warn|error|off; returns false for anything else.
bool setLevel(std::string_view level);

} // namespace orch::log
