"""Prints the demo's progress lines and result: URL, repository, report, cost table.
Exits 0 only when the deployment's health check passed."""
import json
import os
import subprocess
import sys

log, orchestratord, data, https_port, seconds = sys.argv[1:6]
run_id, report = None, None
for line in open(log, encoding="utf-8"):
    event = json.loads(line)
    kind = event.get("type")
    if kind == "step":
        tools = ", ".join(t["name"] + ("" if t.get("ok", True) else " (failed)") for t in event["tools"])
        nxt = " -> " + event["next"] if event.get("next") and event["next"] != event["agent"] else ""
        print("step %3d %-12s %-14s %s" % (event["step"], event["agent"], event["outcome"] + nxt, tools))
    elif kind == "run_stopped":
        run_id = event["run"]
        print("run %s %s after %d steps%s" % (run_id, event["status"], event["steps"],
                                             ": " + event["reason"] if event["reason"] else ""))
    elif kind == "report":
        report = event["path"]
if not run_id:
    print("the run did not start; see the messages above", file=sys.stderr)
    sys.exit(1)

shown = json.loads(subprocess.run([orchestratord, "show", run_id, "--json", "--db", data + "/orchestrator.db"],
                                  check=True, capture_output=True, text=True).stdout)
state = shown["final_state"]
deployment = state.get("deployment", {})
repo = state.get("repo", {})
healthy = bool(deployment.get("healthy"))
print()
print("URL:        %s  (%s)" % (deployment.get("url", "none"), "healthy" if healthy else "NOT healthy"))
if healthy and deployment.get("bot"):
    print("bot:        %s  (on the local Bot API stand-in)" % deployment["bot"])
elif healthy and deployment.get("url"):
    # Caddy's local CA for *.localhost; a real domain's ACME issuer (the domain scenario's).
    ca = os.environ.get("DEMO_CA") or data + "/deploy/caddy/storage/pki/authorities/local/root.crt"
    host = deployment["url"].split("//")[1].split(":")[0]
    print("try:        curl --cacert %s --resolve %s:%s:127.0.0.1 '%stime?city=Tokyo'" % (ca, host, https_port, deployment["url"]))
print("repository: %s  (commit %s, pushed to %s)" % (repo.get("path", "none"), repo.get("last_commit", "none")[:12],
                                                     repo.get("remote", "none")))
print("report:     %s" % (report or "none"))
print("time:       %s s" % seconds)
if report:
    lines = open(report, encoding="utf-8").read().split("\n")
    start = lines.index("## Cost") if "## Cost" in lines else None
    if start is not None:
        print()
        for line in lines[start + 2:]:
            if line.startswith("## "):
                break
            print(line)
print()
if not deployment.get("bot"):
    print("The service and Caddy keep running. Stop them with: %s"
          % os.environ.get("DEMO_TEARDOWN", "scripts/demo --teardown"))
sys.exit(0 if healthy else 1)
