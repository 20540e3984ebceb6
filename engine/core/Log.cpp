#include "core/Log.h"

#include "core/Redaction.h"

#include <mutex>
#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace orch::log {
namespace {
std::mutex s_mutex;
spdlog::level::level_enum s_level = spdlog::level::warn;

// Every line with the values of secrets replaced by their handles (core/Redaction.h), whatever
// the code that logged it let through.
class RedactingSink final : public spdlog::sinks::dist_sink_mt
{
protected:
    void sink_it_(const spdlog::details::log_msg& message) override
    {
        if (!redaction::active())
            return spdlog::sinks::dist_sink_mt::sink_it_(message);
        const std::string clean =
            redaction::text(std::string(message.payload.data(), message.payload.size()));
        spdlog::details::log_msg copy = message;
        copy.payload = clean;
        spdlog::sinks::dist_sink_mt::sink_it_(copy);
    }
};

// stderr, and whatever else listens (a test scanning what was logged).
std::shared_ptr<spdlog::sinks::dist_sink_mt> sharedSink()
{
    static auto sink = [] {
        auto all = std::make_shared<RedactingSink>();
        all->add_sink(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
        return all;
    }();
    return sink;
}
} // namespace

std::shared_ptr<spdlog::logger> get(const std::string& subsystem)
{
    std::lock_guard lock(s_mutex);
    if (auto existing = spdlog::get(subsystem))
        return existing;
    auto logger = std::make_shared<spdlog::logger>(subsystem, sharedSink());
    logger->set_level(s_level);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
    spdlog::register_logger(logger);
    return logger;
}

void addSink(spdlog::sink_ptr sink)
{
    sharedSink()->add_sink(std::move(sink));
}

void removeSink(const spdlog::sink_ptr& sink)
{
    sharedSink()->remove_sink(sink);
}

bool setLevel(std::string_view level)
{
    const auto parsed = spdlog::level::from_str(std::string(level));
    if (parsed == spdlog::level::off && level != "off")
        return false;
    std::lock_guard lock(s_mutex);
    s_level = parsed;
    spdlog::apply_all([parsed](const std::shared_ptr<spdlog::logger>& l) { l->set_level(parsed); });
    return true;
}

} // namespace orch::log
