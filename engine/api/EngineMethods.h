#pragma once
// Every call of EngineApi, declared once. From this table come EngineApi's virtual functions,
// the overrides of the in-process and the remote engine, the server's dispatch, and the method
// list of docs/remote-api.md (tst_api_methods fails when the document and the table disagree).
//
// Adding a call: a row here (and a parameter struct with its fields() in api/MethodParams.h
// if no existing one fits), its implementation in facade/, and `scripts/update-api-doc`.

#include "api/MethodParams.h"

// X(function, wire name, parameters, answer, key wrapping a plain answer, documentation)
// The answer of a row with a key travels as {key: answer}; void answers as {"ok": true}.
// clang-format off
#define ORCH_ENGINE_METHODS(X)                                                                     \
    X(projects, "projects.list", NoParams, std::vector<ProjectRecord>, "",                        \
      "list of project")                                                                           \
    X(projectSummaries, "projects.summaries", NoParams, std::vector<ProjectSummary>, "",          \
      "list of `{project, latest_run, cost, unknown_cost_calls, url, healthy}` (newest first; "    \
      "`latest_run`/`healthy` null when absent)")                                                  \
    X(projectRuns, "projects.runs", ProjectRef, std::vector<ProjectRun>, "",                     \
      "list of `{run, kind, from_run, from_step, cost, simulated_cost}` — the project's runs, "     \
      "newest first; `kind` is `new`, `change` or `fork` (`from_run`/`from_step`: where it came "  \
      "from; empty and -1 for a new run)")                                                        \
    X(runs, "runs.list", NoParams, std::vector<RunRecord>, "", "list of run")                     \
    X(runOverview, "runs.overview", RunRef, RunOverview, "",                                      \
      "`{run, project, cost, unknown_cost_calls, question, url, repository, healthy, "            \
      "bot_activity}` — one run at a glance (`question`/`healthy`/`bot_activity` null when "       \
      "absent; `bot_activity`: a bot's `{updates, messages, throttled, blocked, conflicts}` as "   \
      "its host's relay counted them at the watcher's last probe)")                               \
    X(runDetail, "runs.get", RunRef, RunDetail, "",                                               \
      "`{run, project, steps, checkpoints, events, ledger}` — everything, for export; views "      \
      "use runs.view, runs.checkpoint and runs.events")                                            \
    X(runView, "runs.view", RunRef, RunView, "",                                                  \
      "`{run, project, steps, ledger, question}` — what the run view shows (`question` null "      \
      "when none)")                                                                                \
    X(checkpoint, "runs.checkpoint", StepRef, Checkpoint, "",                                     \
      "`{run_id, step, state, cursor}` — the checkpoint after `step` (0: the start)")              \
    X(runEvents, "runs.events", EventsParams, std::vector<RunEvent>, "",                          \
      "list of event after the event numbered `after` (each has its `id`)")                       \
    X(startRun, "runs.start", StartParams, QString, "run_id",                                     \
      "`{run_id}` — uses the graph version new runs use")                                         \
    X(forecast, "runs.forecast", ForecastParams, RunForecast, "",                                 \
      "`{samples, cost_low, cost_mid, cost_high, ms_low, ms_mid, ms_high, basis, budget_left, "   \
      "exceeds_budget}` — what a new project (or a change of `project`) will likely cost and "    \
      "take, from the completed runs most like it (median, 10th and 90th percentile); "          \
      "`samples` 0: no history, no numbers; `exceeds_budget`: the median is more than is left")   \
    X(lessons, "lessons.list", LessonsParams, std::vector<Lesson>, "",                            \
      "list of `{id, template, tool, failure_class, signature, failure, fix, project_id, run_id, " \
      "created_at, updated_at, uses, misses, recoveries, dropped_at, edited}` — what runs "        \
      "learned from failures they recovered from, newest first (`all`: with the dropped ones, "   \
      "which two runs given them failed the same way again)")                                     \
    X(editLesson, "lessons.edit", LessonEdit, Lesson, "",                                         \
      "lesson — a person's wording of what failed (`failure`, optional) and what fixes it "       \
      "(`fix`); its misses start over and a dropped lesson is given again")                       \
    X(deleteLesson, "lessons.delete", LessonRef, void, "", "`{ok}` — the lesson is forgotten")    \
    X(answer, "runs.answer", AnswerParams, void, "",                                              \
      "`{ok}` — the answer to the pending question; for approvals `approve` or `reject`")         \
    X(cancel, "runs.cancel", RunRef, void, "", "`{ok}`")                                          \
    X(resumeRun, "runs.resume", RunRef, void, "",                                                 \
      "`{ok}` — continues from the last checkpoint (also retries a failed run)")                  \
    X(forkRun, "runs.fork", ForkParams, QString, "run_id",                                        \
      "`{run_id}` — a new run of the same project and graph version from the checkpoint after "   \
      "`step` (0: the start); `set` (`{\"/json/pointer\": value}`, optional) edits values of "    \
      "its state first")                                                                           \
    X(changeProject, "projects.change", ChangeParams, QString, "run_id",                          \
      "`{run_id}` — a run that changes an existing project: same workspace, repository and "      \
      "deployment, starting at the architect with the current spec, plan and last report")        \
    X(files, "files.list", RunRef, QStringList, "",                                               \
      "the paths in the run's project workspace (no `.git`; at most 2000)")                       \
    X(fileText, "files.read", FileRef, QString, "text",                                           \
      "`{text}` — at most 256 KiB; paths outside the workspace and binary files are refused")     \
    X(commits, "git.log", RunRef, std::vector<GitCommitInfo>, "",                                 \
      "list of `{sha, summary, author, time}`, newest first")                                      \
    X(commitDiff, "git.diff", CommitRef, QString, "text",                                         \
      "`{text}` — the commit's patch against its first parent")                                   \
    X(graphVersions, "graphs.list", NoParams, std::vector<GraphVersion>, "",                      \
      "list of graph version (without `body`)")                                                    \
    X(validateGraph, "graphs.validate", GraphBody, std::vector<GraphIssue>, "",                   \
      "list of `{path, message}` — the problems the engine finds in a graph document (empty: "    \
      "it would save)")                                                                            \
    X(toolCatalogue, "tools.list", NoParams, std::vector<ToolInfo>, "",                           \
      "list of `{name, description, parameters}` — the tools agents may be given, with the JSON " \
      "Schema of their arguments")                                                                 \
    X(graph, "graphs.get", GraphRef, GraphVersion, "",                                              \
      "graph version with `body`; `id` 0 or absent: the version new runs use")                    \
    X(saveGraph, "graphs.save", GraphBody, GraphVersion, "",                                      \
      "graph version — `body` is a graph document, prompts inline as `{\"text\": …}`; it "        \
      "becomes the version new runs use; running runs keep theirs")                               \
    X(topUp, "budget.topup", TopUpParams, BudgetStatus, "",                                        \
      "budget — `scope` is `global` or a project id, `amount` is in USD; waiting runs resume")   \
    X(balances, "balances.get", NoParams, Balances, "",                                           \
      "`{global, projects, by_day, by_agent, by_model, by_project, by_project_day}` (rows carry "  \
      "`simulated_cost`, budgets `simulated`: the offline demo model's unbudgeted spend)")         \
    X(reports, "reports.list", NoParams, std::vector<ReportEntry>, "",                            \
      "list of report entry (runs' reports and digests)")                                          \
    X(writeDigest, "reports.digest", DigestParams, ReportEntry, "",                               \
      "report entry with `markdown` — the digest of everything since `since` (ms), stored with "  \
      "the reports")                                                                               \
    X(awayReport, "reports.away", AwayParams, ReportEntry, "",                                    \
      "`{key, project_id, markdown, created_at}` — \"while you were away\" since `since` (a "    \
      "week when 0) in `language` (en, ru): runs that ended, incidents and how each ended, "      \
      "uptime, spend against the budgets with the trend, what waits for the person, and what "    \
      "to do; kept as a report")                                                                  \
    X(report, "reports.get", RunRef, QString, "markdown",                                         \
      "`{markdown}` — `run_id` is a run id, a digest's or an away report's key")                                      \
    X(modelReadiness, "models.readiness", NoParams, ModelReadiness, "",                           \
      "`{ready, problem, offline_demo}` — whether runs can start with the models configured "     \
      "now; `problem` names what is missing")                                                      \
    X(useOfflineDemo, "models.demo", NoParams, ModelReadiness, "",                    \
      "readiness — from now until it restarts, this engine's model calls replay the offline "     \
      "demo model's recording (simulated spend, labelled so)")                                     \
    X(testProvider, "providers.test", ProviderTestParams, QStringList, "",                        \
      "list of the model ids an endpoint serves (`{kind, base_url, key_secret}`; `key_secret` is " \
      "a provider key's handle, `key:NAME`, read from the vault and sent only to that endpoint)") \
    X(servers, "servers.list", NoParams, std::vector<ServerInfo>, "",                             \
      "list of server (`{name, host, port, user, ssh_key_secret, capacity_mb, free_mb, "         \
      "projects, status, status_reason, facts, …}`; the key itself never travels)")              \
    X(addServer, "servers.add", ServerParams, ServerInfo, "",                                     \
      "server — registers a production server; `ssh_key_secret` is the vault handle of its "     \
      "SSH key (`server:NAME`); `servers.check` makes it ready")                                  \
    X(removeServer, "servers.remove", ServerRef, void, "",                                        \
      "`{ok}` — refused while projects live on it")                                               \
    X(checkServer, "servers.check", ServerRef, ServerInfo, "",                                    \
      "server with `changes` — pins its host key at first contact, reads what it has, runs the "  \
      "base role (packages, deploy root, Caddy); `status` ready, unreachable or "                 \
      "host_key_changed")                                                                          \
    X(trustServer, "servers.trust", ServerRef, ServerInfo, "",                                    \
      "server — pins the host key it shows now (after a reinstall), then checks it")              \
    X(deployments, "deployments.list", NoParams, std::vector<DeploymentRecord>, "",               \
      "list of deployment (`{project_id, project, service, server, kind, url, version, "         \
      "previous, health, health_since, checked_at, detail, certificate_expires_at, memory_mb, "  \
      "activity, uptime, …}`) — what runs now and how the watcher last found it; `uptime` is "   \
      "the share of healthy probes over the last week (-1: none yet); `activity`: a bot's "      \
      "counts, as in `runs.overview`")                                                           \
    X(redeploy, "deployments.redeploy", ProjectRef, DeploymentRecord, "",                         \
      "deployment — installs and starts the release that runs now again, health-checked; "       \
      "refused while a run of the project works")                                                \
    X(rollback, "deployments.rollback", ProjectRef, DeploymentRecord, "",                         \
      "deployment — puts the release that ran before back, health-checked (a second rollback "   \
      "undoes the first)")                                                                         \
    X(teardown, "deployments.teardown", ProjectRef, void, "",                                     \
      "`{ok}` — stops the project's service and removes its process, web site and releases (its " \
      "repository, runs and reports stay); refused while a run of the project works")            \
    X(claimDomain, "deployments.domain", DomainParams, DomainClaim, "",                           \
      "`{project, domain, accepted, wanted, found, record, url}` — gives the project a domain: "  \
      "a name in the zone, or the person's own once its A/AAAA records point only at the "       \
      "project's server (`wanted`; else `accepted` false, `found` what they hold, `record` the "  \
      "one to create); a deployed project is redeployed there; `domain` \"\": the zone's name")\
    X(repairPolicy, "projects.repair", RepairParams, RepairStanding, "",                          \
      "`{project, policy, monthly_budget, spent_this_month, runs_this_month, left}` — what the "  \
      "project may do when restarts and rollbacks do not end an incident: a repair run never "    \
      "(`off`), when the person approves it (`ask`) or by itself (`auto`), paid from a monthly "  \
      "budget; without `policy` and `budget` it only answers")                                    \
    X(repairNow, "deployments.repair", ProjectRef, QString, "run_id",                             \
      "run id — starts a repair run for the project's incident (the approval `ask` waits for): " \
      "a change run from the Developer given the failing probes, the service's log and what "     \
      "changed; refused with no incident, a repair at work, or the month's repair budget spent")
// clang-format on
