#include "store/Migrations.h"

namespace orch {

// Spent (replayed calls apart), calls of unknown cost, and the replayed calls' simulated cost.
#define SPEND_SUMS                                                                                 \
    "COALESCE(SUM(CASE WHEN provider NOT LIKE 'replay%' THEN cost END), 0), "                      \
    "COALESCE(SUM(CASE WHEN cost IS NULL THEN 1 ELSE 0 END), 0), "                                 \
    "COALESCE(SUM(CASE WHEN provider LIKE 'replay%' THEN cost END), 0)"

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> all = {
        {1,
         {
             "CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
             "description TEXT NOT NULL, workspace TEXT NOT NULL, created_at INTEGER NOT NULL)",
             "CREATE TABLE graphs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
             "hash TEXT NOT NULL UNIQUE, body TEXT NOT NULL, created_at INTEGER NOT NULL)",
             "CREATE TABLE runs (id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES "
             "projects(id), "
             "graph_id INTEGER NOT NULL REFERENCES graphs(id), status TEXT NOT NULL, "
             "reason TEXT NOT NULL DEFAULT '', current_agent TEXT NOT NULL DEFAULT '', "
             "steps INTEGER NOT NULL DEFAULT 0, prompt_tokens INTEGER NOT NULL DEFAULT 0, "
             "completion_tokens INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, "
             "updated_at INTEGER NOT NULL)",
             "CREATE INDEX runs_status ON runs(status)",
             "CREATE TABLE steps (run_id TEXT NOT NULL REFERENCES runs(id), step_no INTEGER NOT "
             "NULL, "
             "agent TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT "
             "NULL, "
             "prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, "
             "duration_ms INTEGER NOT NULL, diff TEXT NOT NULL, created_at INTEGER NOT NULL, "
             "PRIMARY KEY (run_id, step_no))",
             "CREATE TABLE checkpoints (run_id TEXT NOT NULL REFERENCES runs(id), "
             "step_no INTEGER NOT NULL, state TEXT NOT NULL, cursor TEXT NOT NULL, "
             "created_at INTEGER NOT NULL, PRIMARY KEY (run_id, step_no))",
             "CREATE TABLE events (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, "
             "step_no INTEGER NOT NULL, agent TEXT NOT NULL, kind TEXT NOT NULL, "
             "payload TEXT NOT NULL, created_at INTEGER NOT NULL)",
             "CREATE INDEX events_run ON events(run_id, id)",
             "CREATE TABLE ledger (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, "
             "project_id TEXT NOT NULL, step_no INTEGER NOT NULL, agent TEXT NOT NULL, "
             "provider TEXT NOT NULL, model TEXT NOT NULL, prompt_tokens INTEGER NOT NULL, "
             "completion_tokens INTEGER NOT NULL, cached_tokens INTEGER NOT NULL, "
             "cost REAL, created_at INTEGER NOT NULL)",
             "CREATE INDEX ledger_run ON ledger(run_id)",
         }},
        // Which process drives a run, so two orchestratord processes never drive the same one.
        {2,
         {
             "ALTER TABLE runs ADD COLUMN owner TEXT NOT NULL DEFAULT ''",
             "ALTER TABLE runs ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0",
         }},
        // The vault: values sealed with libsodium secretbox; the key never enters the database.
        {3,
         {
             "CREATE TABLE secrets (handle TEXT PRIMARY KEY, nonce BLOB NOT NULL, "
             "sealed BLOB NOT NULL, created_at INTEGER NOT NULL)",
         }},
        // Resources handed to projects (ports, domains, servers); a value goes to one project.
        {4,
         {
             "CREATE TABLE resources (handle TEXT PRIMARY KEY, project_id TEXT NOT NULL, "
             "kind TEXT NOT NULL, value TEXT NOT NULL, created_at INTEGER NOT NULL, "
             "UNIQUE (kind, value))",
         }},
        {5,
         {
             "CREATE TABLE reports (run_id TEXT PRIMARY KEY, project_id TEXT NOT NULL, "
             "markdown TEXT NOT NULL, path TEXT NOT NULL, created_at INTEGER NOT NULL)",
         }},
        // Money and the server's own state: budget limits ("global" or a project id), every
        // top-up for the record, small named values (Telegram offset, last digest) and which
        // chat a run belongs to.
        {6,
         {
             "CREATE TABLE budgets (scope TEXT PRIMARY KEY, limit_usd REAL NOT NULL, "
             "updated_at INTEGER NOT NULL)",
             "CREATE TABLE topups (id INTEGER PRIMARY KEY, scope TEXT NOT NULL, amount REAL NOT "
             "NULL, "
             "by_whom TEXT NOT NULL, created_at INTEGER NOT NULL)",
             "CREATE TABLE server_values (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
             "CREATE TABLE run_chats (run_id TEXT PRIMARY KEY, chat_id INTEGER NOT NULL, "
             "user_id INTEGER NOT NULL, language TEXT NOT NULL, "
             "progress_message_id INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)",
             "CREATE INDEX run_chats_chat ON run_chats(chat_id)",
             "CREATE INDEX ledger_project ON ledger(project_id)",
         }},
        // Input that could not be handled, kept for a person to look at; the run's lease gets
        // a fencing number (bumped by every claim) and a cancel request the owner honours.
        {7,
         {
             "CREATE TABLE dead_letters (id INTEGER PRIMARY KEY, source TEXT NOT NULL, "
             "reason TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)",
             "ALTER TABLE runs ADD COLUMN fence INTEGER NOT NULL DEFAULT 0",
             "ALTER TABLE runs ADD COLUMN cancel_requested TEXT NOT NULL DEFAULT ''",
             "CREATE INDEX runs_owner ON runs(owner)", // renewals and cancel requests, twice a
                                                       // second
         }},
        // Whose a secret is: the orchestrator's own ("server", which no project may use), one
        // project's ("project:<id>"), or "shared" and granted by an admin to named projects
        // ("*": every project). Secrets from before are the server's until an admin says else.
        {8,
         {
             "ALTER TABLE secrets ADD COLUMN scope TEXT NOT NULL DEFAULT 'server'",
             "CREATE TABLE secret_grants (handle TEXT NOT NULL, project_id TEXT NOT NULL, "
             "granted_by TEXT NOT NULL, created_at INTEGER NOT NULL, "
             "PRIMARY KEY (handle, project_id))",
         }},
        // Checkpoints in proportion to the work: a conversation's messages stored once per
        // run, and states as diffs from the checkpoint before with a whole one now and then.
        {9,
         {
             "CREATE TABLE conversation_messages (run_id TEXT NOT NULL, seq INTEGER NOT NULL, "
             "body TEXT NOT NULL, PRIMARY KEY (run_id, seq))",
             "ALTER TABLE checkpoints ADD COLUMN state_kind TEXT NOT NULL DEFAULT 'full'",
             "CREATE INDEX checkpoints_whole ON checkpoints(run_id, state_kind, step_no)",
         }},
        // The step in flight, journaled: the model's reply and each tool call's intent and
        // result, so a restart finishes the step instead of repeating its side effects.
        {10,
         {
             "CREATE TABLE step_journal (run_id TEXT NOT NULL, step_no INTEGER NOT NULL, "
             "entry INTEGER NOT NULL, call_id TEXT NOT NULL, tool TEXT NOT NULL, "
             "body TEXT NOT NULL, result TEXT, created_at INTEGER NOT NULL, "
             "PRIMARY KEY (run_id, step_no, entry))",
         }},
        // When a finished run's checkpoints were thinned by the retention policy.
        {11,
         {
             "ALTER TABLE runs ADD COLUMN pruned_at INTEGER NOT NULL DEFAULT 0",
         }},
        // Work one worker does at a time (Telegram polling, the digest): who holds it.
        {12,
         {
             "CREATE TABLE leader_leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, "
             "lease_until INTEGER NOT NULL, fence INTEGER NOT NULL)",
         }},
        // One B-tree fewer written per step: the last whole state is found through the
        // primary key (it is at most kSnapshotEvery rows back), not an index of its own.
        {13,
         {
             "DROP INDEX checkpoints_whole",
         }},
        // Production servers reached over SSH (their key is a vault handle, their host key
        // pinned at first contact), and which server each project's service lives on.
        {14,
         {
             "CREATE TABLE servers (name TEXT PRIMARY KEY, host TEXT NOT NULL, "
             "port INTEGER NOT NULL, ssh_user TEXT NOT NULL, key_handle TEXT NOT NULL, "
             "capacity_mb INTEGER NOT NULL, deploy_root TEXT NOT NULL, "
             "http_port INTEGER NOT NULL, https_port INTEGER NOT NULL, "
             "admin_port INTEGER NOT NULL, host_keys TEXT NOT NULL DEFAULT '', "
             "status TEXT NOT NULL DEFAULT 'unchecked', status_reason TEXT NOT NULL DEFAULT '', "
             "facts TEXT NOT NULL DEFAULT '{}', checked_at INTEGER NOT NULL DEFAULT 0, "
             "created_at INTEGER NOT NULL)",
             "CREATE TABLE placements (project_id TEXT PRIMARY KEY, server TEXT NOT NULL, "
             "reserved_mb INTEGER NOT NULL, measured_mb INTEGER NOT NULL DEFAULT 0, "
             "placed_at INTEGER NOT NULL)",
         }},
        // Live deployments and what the watcher's probes found (history kept for uptime).
        {15,
         {
             "CREATE TABLE deployments (project_id TEXT PRIMARY KEY, run_id TEXT NOT NULL, "
             "service TEXT NOT NULL, server TEXT NOT NULL, kind TEXT NOT NULL, "
             "url TEXT NOT NULL, version TEXT NOT NULL, previous TEXT NOT NULL, "
             "bot_handle TEXT NOT NULL, deployed_at INTEGER NOT NULL, "
             "health TEXT NOT NULL DEFAULT 'unknown', health_since INTEGER NOT NULL DEFAULT 0, "
             "checked_at INTEGER NOT NULL DEFAULT 0, detail TEXT NOT NULL DEFAULT '', "
             "cert_expires_at INTEGER NOT NULL DEFAULT 0, "
             "cert_alerted_at INTEGER NOT NULL DEFAULT 0, memory_mb INTEGER NOT NULL DEFAULT 0)",
             "CREATE TABLE deployment_probes (id INTEGER PRIMARY KEY, "
             "project_id TEXT NOT NULL, at INTEGER NOT NULL, healthy INTEGER NOT NULL, "
             "detail TEXT NOT NULL, elapsed_ms INTEGER NOT NULL)",
             "CREATE INDEX deployment_probes_by_project ON deployment_probes(project_id, at)",
         }},
        // A bot's activity as its host's relay counts it (JSON; "" until a probe read it).
        {16, {"ALTER TABLE deployments ADD COLUMN activity TEXT NOT NULL DEFAULT ''"}},
        // Spooled writes already applied (WriteSpool): one replayed twice is applied once.
        {17, {"CREATE TABLE spool_applied (entry TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)"}},
        // The journal of DNS changes (DnsRecords): written before a change is sent.
        {18,
         {"CREATE TABLE dns_records (name TEXT PRIMARY KEY, project_id TEXT NOT NULL, "
          "address TEXT NOT NULL, state TEXT NOT NULL, changed_at INTEGER NOT NULL)"}},
        // A domain a person gave a project (ProjectDomains), accepted once it pointed here.
        {19,
         {"CREATE TABLE project_domains (project_id TEXT PRIMARY KEY, "
          "domain TEXT NOT NULL UNIQUE, accepted_at INTEGER NOT NULL)"}},
        // A deployment's incidents and what was done about each (Incidents).
        {20,
         {"CREATE TABLE incidents (id INTEGER PRIMARY KEY, project_id TEXT NOT NULL, "
          "opened_at INTEGER NOT NULL, closed_at INTEGER NOT NULL, state TEXT NOT NULL, "
          "release TEXT NOT NULL, new_release INTEGER NOT NULL, timeline TEXT NOT NULL)",
          "CREATE INDEX incidents_by_project ON incidents(project_id, state)"}},
        // The chat message that tells one deployment's trouble, edited until it ends
        // (HealthMessages).
        {21,
         {"CREATE TABLE health_messages (chat_id INTEGER NOT NULL, service TEXT NOT NULL, "
          "message_id INTEGER NOT NULL, lines TEXT NOT NULL, PRIMARY KEY (chat_id, service))"}},
        // Each project's repair policy and monthly budget, and which runs were repairs (Repairs).
        {22,
         {"CREATE TABLE repair_policies (project_id TEXT PRIMARY KEY, policy TEXT NOT NULL, "
          "monthly_budget REAL NOT NULL)",
          "CREATE TABLE repair_runs (run_id TEXT PRIMARY KEY, project_id TEXT NOT NULL, "
          "incident_id INTEGER NOT NULL, started_at INTEGER NOT NULL)",
          "CREATE INDEX repair_runs_by_project ON repair_runs(project_id, started_at)"}},
        // What each completed run was and what it cost and took, for forecasts (Forecasts).
        {23,
         {"CREATE TABLE run_outcomes (run_id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
          "template TEXT NOT NULL, size_class TEXT NOT NULL, profiles TEXT NOT NULL, "
          "cost REAL NOT NULL, work_ms INTEGER NOT NULL, finished_at INTEGER NOT NULL)",
          "CREATE INDEX run_outcomes_by_kind ON run_outcomes(kind, finished_at)"}},
        // What runs learned from the failures they recovered from (Lessons).
        {24,
         {"CREATE TABLE lessons (id INTEGER PRIMARY KEY, template TEXT NOT NULL, tool TEXT NOT "
          "NULL, failure_class TEXT NOT NULL, signature TEXT NOT NULL, failure TEXT NOT NULL, "
          "fix TEXT NOT NULL, project_id TEXT NOT NULL, run_id TEXT NOT NULL, created_at INTEGER "
          "NOT NULL, updated_at INTEGER NOT NULL, uses INTEGER NOT NULL, misses INTEGER NOT "
          "NULL, recoveries INTEGER NOT NULL, dropped_at INTEGER NOT NULL, edited INTEGER NOT "
          "NULL)",
          "CREATE INDEX lessons_by_template ON lessons(template, dropped_at)"}},
        // Starts a chat was answered about and that have no outcome yet (PendingStarts).
        {25,
         {"CREATE TABLE telegram_starts (chat_id INTEGER NOT NULL, user_id INTEGER NOT NULL, "
          "language TEXT NOT NULL, admin INTEGER NOT NULL, name TEXT NOT NULL, "
          "description TEXT NOT NULL, anyway INTEGER NOT NULL, queued_at INTEGER NOT NULL, "
          "PRIMARY KEY (chat_id))"}},
        // What the ledger adds up to per project and for all ("global"), kept with each entry
        // (RunStore::addToSpendTotals), so a budget check does not sum the ledger.
        {26,
         {"CREATE TABLE spend_totals (scope TEXT PRIMARY KEY, spent REAL NOT NULL, "
          "unknown_calls INTEGER NOT NULL, simulated REAL NOT NULL)",
          "INSERT INTO spend_totals SELECT 'global', " SPEND_SUMS " FROM ledger",
          "INSERT INTO spend_totals SELECT project_id, " SPEND_SUMS
          " FROM ledger WHERE project_id <> '' GROUP BY project_id"}},
        // No query looks the ledger up by project since spend_totals, and every model call
        // wrote the index's page to the log.
        {27, {"DROP INDEX IF EXISTS ledger_project"}},
        // A run's first agent reads the newest lessons of its template: in this order already,
        // so the read sorts nothing (it opened a sorter every run).
        {28,
         {"CREATE INDEX IF NOT EXISTS lessons_by_template_recent ON lessons(template, dropped_at, "
          "updated_at, id)",
          "DROP INDEX IF EXISTS lessons_by_template"}},
    };
    return all;
}
#undef SPEND_SUMS

} // namespace orch
