# The bot scenario of scripts/demo (sourced): a local Bot API stand-in plays Telegram (as
# strict as the real one; a person's side on its control port), the token the person would get
# from @BotFather is made up here, handed over through stdin (never a command line) and kept in
# the vault; the deployed bot reaches the stand-in through the host's Bot API relay, and is
# then written to by a person.
description_bot="a Telegram bot that tells the time in a given city"
[ "$description" = "a service that tells the time in a given city" ] && description="$description_bot"
if [ ${#model_args[@]} -eq 0 ]; then
    model_args=(--llm-replay "$ROOT/resources/demo/city-time-bot.replay.json")
    say "model: the offline demo model (recorded replies; no network, no real model)"
fi
mkdir -p "$data"
stop_standin
token_file="$data/bot-token"
(umask 077; printf '%s:%s\n' "$((RANDOM * 1000 + RANDOM))" "$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')" > "$token_file")
"$standin" "$(cat "$token_file")" > "$data/bot-api.url" 2> "$data/bot-api.log" &
echo $! > "$data/bot-api.pid"
for _ in $(seq 50); do [ -s "$data/bot-api.url" ] && break; sleep 0.1; done
for _ in $(seq 50); do [ "$(wc -l < "$data/bot-api.url")" -ge 2 ] && break; sleep 0.1; done
api="$(sed -n 1p "$data/bot-api.url")"
control="$(sed -n 2p "$data/bot-api.url")"
[ -n "$api" ] && [ -n "$control" ] || { echo "the Bot API stand-in did not start; see $data/bot-api.log" >&2; exit 1; }
say "Telegram: a local Bot API stand-in at $api (a person's side: $control)"

common=(--json --db "$data/orchestrator.db" --workspace "$data/workspaces" --git-remotes "$data/remotes"
        --reports "$data/reports" "${deploy_args[@]}" --service-ports "${DEMO_SERVICE_PORTS:-18100-18199}"
        --bot-api "$api" "${model_args[@]}")
started=$(date +%s)
set +e
"$orchestratord" run --description "$description" "${common[@]}" > "$data/last-run.jsonl"
code=$?
run_id="$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("type") == "run_stopped": print(e["run"])' "$data/last-run.jsonl" | tail -1)"
if [ "$code" -eq 3 ] && [ -n "$run_id" ]; then # waiting: the question for the bot's token
    say "the run asks for the bot's token; sending the stand-in's token (from stdin, into the vault)"
    "$orchestratord" answer "$run_id" - "${common[@]}" < "$token_file" >> "$data/last-run.jsonl"
    code=$?
fi
set -e
python3 "$ROOT/scripts/lib/demo_summary.py" "$data/last-run.jsonl" "$orchestratord" "$data" "$https_port" \
    "$(( $(date +%s) - started ))"
summary=$?
if [ "$code" -eq 0 ] && [ "$summary" -eq 0 ]; then
    say "writing to the deployed bot as a person on Telegram would"
    python3 "$ROOT/scripts/lib/bot_say.py" "$control" "Tokyo"
    echo "The Bot API stand-in keeps running for the bot. Stop both with: scripts/demo --teardown"
    exit 0
fi
exit 1
