#pragma once
// The parameters of EngineApi's calls, each with the fields it travels with
// (api/MethodFields.h); the calls themselves are listed in api/EngineMethods.h.

#include "api/EngineTypes.h"
#include "api/MethodFields.h"

namespace orch::api {

struct NoParams
{
};
inline std::tuple<> fields(const NoParams*)
{
    return {};
}

struct RunRef
{
    QString runId; // or a unique prefix
};
inline auto fields(const RunRef*)
{
    return std::tuple{field("run_id", &RunRef::runId)};
}

struct StartParams
{
    QString description;
};
inline auto fields(const StartParams*)
{
    return std::tuple{field("description", &StartParams::description)};
}

struct ChangeParams
{
    QString project; // an id, a unique id prefix or the project's name
    QString text;    // what to change
};
inline auto fields(const ChangeParams*)
{
    return std::tuple{field("project", &ChangeParams::project), field("text", &ChangeParams::text)};
}

struct AnswerParams
{
    QString runId;
    QString text;
};
inline auto fields(const AnswerParams*)
{
    return std::tuple{field("run_id", &AnswerParams::runId), field("text", &AnswerParams::text)};
}

struct StepRef
{
    QString runId;
    int step = 0; // 0: the start
};
inline auto fields(const StepRef*)
{
    return std::tuple{field("run_id", &StepRef::runId), field("step", &StepRef::step)};
}

struct EventsParams
{
    QString runId;
    qint64 after = 0; // the id of the last event the caller has; 0: from the start
};
inline auto fields(const EventsParams*)
{
    return std::tuple{field("run_id", &EventsParams::runId), field("after", &EventsParams::after)};
}

struct ForkParams
{
    QString runId;
    int step = 0; // 0: the start
    Json set;     // {"/json/pointer": new value} edited into the state; null: none
};
inline auto fields(const ForkParams*)
{
    return std::tuple{field("run_id", &ForkParams::runId), field("step", &ForkParams::step),
                      optionalField("set", &ForkParams::set)};
}

struct FileRef
{
    QString runId;
    QString path;
};
inline auto fields(const FileRef*)
{
    return std::tuple{field("run_id", &FileRef::runId), field("path", &FileRef::path)};
}

struct CommitRef
{
    QString runId;
    QString sha;
};
inline auto fields(const CommitRef*)
{
    return std::tuple{field("run_id", &CommitRef::runId), field("sha", &CommitRef::sha)};
}

struct GraphRef
{
    qint64 id = 0; // 0: the version new runs use
};
inline auto fields(const GraphRef*)
{
    return std::tuple{optionalField("id", &GraphRef::id)};
}

struct GraphBody
{
    Json body; // a graph document, prompts inline as {"text": …}
};
inline auto fields(const GraphBody*)
{
    return std::tuple{field("body", &GraphBody::body)};
}

struct DigestParams
{
    qint64 since = 0; // ms since the epoch
};
inline auto fields(const DigestParams*)
{
    return std::tuple{field("since", &DigestParams::since)};
}

struct ForecastParams
{
    QString description; // what the run is asked to do
    QString project;     // a change of this project; "": a new project
};
inline auto fields(const ForecastParams*)
{
    return std::tuple{field("description", &ForecastParams::description),
                      optionalField("project", &ForecastParams::project)};
}

struct AwayParams
{
    qint64 since = 0; // ms since the epoch; 0: a week ago
    QString language; // "en" (default) or "ru"
};
inline auto fields(const AwayParams*)
{
    return std::tuple{optionalField("since", &AwayParams::since),
                      optionalField("language", &AwayParams::language)};
}

struct LessonsParams
{
    bool all = false; // with the dropped ones
};
inline auto fields(const LessonsParams*)
{
    return std::tuple{optionalField("all", &LessonsParams::all)};
}

struct LessonEdit
{
    qint64 id = 0;
    QString failure; // "": as it was
    QString fix;
};
inline auto fields(const LessonEdit*)
{
    return std::tuple{field("id", &LessonEdit::id), optionalField("failure", &LessonEdit::failure),
                      field("fix", &LessonEdit::fix)};
}

struct LessonRef
{
    qint64 id = 0;
};
inline auto fields(const LessonRef*)
{
    return std::tuple{field("id", &LessonRef::id)};
}

struct TopUpParams
{
    QString scope;     // "global" or a project id
    double amount = 0; // USD
    QString byWhom;    // set by the front end that took the request, never by its sender
};
inline auto fields(const TopUpParams*)
{
    return std::tuple{field("scope", &TopUpParams::scope), field("amount", &TopUpParams::amount)};
}

struct ServerParams
{
    QString name;
    QString host;
    int port = 22;
    QString user = QStringLiteral("root");
    QString sshKeySecret; // a vault handle, server:NAME
    int capacityMb = 0;
    QString deployRoot = QStringLiteral("/srv/orchestrator");
    int httpPort = 80;
    int httpsPort = 443;
    int caddyAdminPort = 2019;
};
inline auto fields(const ServerParams*)
{
    return std::tuple{field("name", &ServerParams::name),
                      field("host", &ServerParams::host),
                      optionalField("port", &ServerParams::port),
                      optionalField("user", &ServerParams::user),
                      field("ssh_key_secret", &ServerParams::sshKeySecret),
                      field("capacity_mb", &ServerParams::capacityMb),
                      optionalField("deploy_root", &ServerParams::deployRoot),
                      optionalField("http_port", &ServerParams::httpPort),
                      optionalField("https_port", &ServerParams::httpsPort),
                      optionalField("caddy_admin_port", &ServerParams::caddyAdminPort)};
}

struct ProjectRef
{
    QString project; // an id, a unique id prefix or the project's name
};
inline auto fields(const ProjectRef*)
{
    return std::tuple{field("project", &ProjectRef::project)};
}

struct DomainParams
{
    QString project; // an id, a unique id prefix or the project's name
    QString domain;  // a domain the person owns, or a name in the zone; "": the zone's name
};
inline auto fields(const DomainParams*)
{
    return std::tuple{field("project", &DomainParams::project),
                      field("domain", &DomainParams::domain)};
}

struct RepairParams
{
    QString project;    // an id, a unique id prefix or the project's name
    QString policy;     // off, ask or auto; "": unchanged
    double budget = -1; // USD a month for repair runs; negative: unchanged
};
inline auto fields(const RepairParams*)
{
    return std::tuple{field("project", &RepairParams::project),
                      optionalField("policy", &RepairParams::policy),
                      optionalField("budget", &RepairParams::budget)};
}

struct ProviderTestParams
{
    QString kind; // "openai" (and compatible servers) or "anthropic"
    QString baseUrl;
    QString keySecret; // the vault handle of its key; empty for servers without one
};
inline auto fields(const ProviderTestParams*)
{
    return std::tuple{field("kind", &ProviderTestParams::kind),
                      field("base_url", &ProviderTestParams::baseUrl),
                      optionalField("key_secret", &ProviderTestParams::keySecret)};
}

struct ServerRef
{
    QString name;
};
inline auto fields(const ServerRef*)
{
    return std::tuple{field("name", &ServerRef::name)};
}

} // namespace orch::api
