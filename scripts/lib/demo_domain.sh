# The domain scenario of scripts/demo (sourced): the offline demo deployed to a real domain of
# a local zone. Debian's knotd serves apps.test on loopback and takes the orchestrator's
# TSIG-signed updates; Debian's pebble is the ACME server, resolving through knotd and
# validating HTTP-01 on Caddy's HTTP port. The person approves the real domain; the run sets
# the record, Caddy obtains the certificate, and its issuer and expiry are printed.
dns_port="${DEMO_DNS_PORT:-18053}"
acme_port="${DEMO_ACME_PORT:-18014}"
acme_admin_port="${DEMO_ACME_ADMIN_PORT:-18015}"
zone=apps.test
for tool in knotd pebble openssl; do
    command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null ||
        { echo "$tool is missing (apt-get install knot pebble openssl)" >&2; exit 1; }
done
stop_domain_parts
rm -rf "$data"
mkdir -p "$data/dns/zones" "$data/dns/run" "$data/dns/db" "$data/acme"

# The zone and its key, as a zone's owner would set them up (knot.conf(5)).
secret="$(head -c 32 /dev/urandom | base64)"
printf '$ORIGIN %s.\n$TTL 300\n@ SOA ns.%s. hostmaster.%s. 1 3600 900 604800 300\n@ NS ns.%s.\nns A 127.0.0.1\n' \
    "$zone" "$zone" "$zone" "$zone" > "$data/dns/zones/$zone.zone"
cat > "$data/dns/knot.conf" <<KNOT
server:
  rundir: "$data/dns/run"
  listen: 127.0.0.1@$dns_port
database:
  storage: "$data/dns/db"
key:
  - id: orchestrator
    algorithm: hmac-sha256
    secret: $secret
acl:
  - id: updates
    key: orchestrator
    action: update
zone:
  - domain: $zone
    storage: "$data/dns/zones"
    file: "$zone.zone"
    acl: updates
    zonefile-sync: -1
log:
  - target: stderr
    any: info
KNOT
PATH="$PATH:/usr/sbin" knotd -c "$data/dns/knot.conf" > "$data/dns/knotd.log" 2>&1 &
echo $! > "$data/knotd.pid"

# The ACME server: its API's own certificate, and certificates that last ten days.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$data/acme/api.key" -out "$data/acme/api.pem" \
    -days 2 -subj /CN=127.0.0.1 -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null
cat > "$data/acme/pebble.json" <<PEBBLE
{"pebble": {"listenAddress": "127.0.0.1:$acme_port", "managementListenAddress": "127.0.0.1:$acme_admin_port",
 "certificate": "$data/acme/api.pem", "privateKey": "$data/acme/api.key",
 "httpPort": ${DEMO_HTTP_PORT:-18080}, "tlsPort": $https_port, "ocspResponderURL": "",
 "externalAccountBindingRequired": false, "certificateValidityPeriod": 864000}}
PEBBLE
PEBBLE_VA_NOSLEEP=1 pebble -config "$data/acme/pebble.json" -dnsserver "127.0.0.1:$dns_port" \
    > "$data/acme/pebble.log" 2>&1 &
echo $! > "$data/pebble.pid"
for _ in $(seq 100); do
    curl -sf --cacert "$data/acme/api.pem" "https://127.0.0.1:$acme_admin_port/roots/0" \
        > "$data/acme/issuer-root.pem" 2>/dev/null && break
    sleep 0.1
done
grep -q "BEGIN CERTIFICATE" "$data/acme/issuer-root.pem" ||
    { echo "pebble did not start; see $data/acme/pebble.log" >&2; exit 1; }
say "DNS: knotd serves $zone on 127.0.0.1:$dns_port; ACME: pebble at https://127.0.0.1:$acme_port/dir"

# The offline demo model approves nothing itself: after the person's approval DevOps deploys
# again, so its recorded turns get that second deploy.
python3 - "$ROOT/resources/demo/city-time.replay.json" "$data/replay.json" <<'PY'
import json, sys
script = json.load(open(sys.argv[1]))
devops = script["agents"]["devops"]
script["agents"]["devops"] = [devops[0], devops[0]] + devops[1:]
json.dump(script, open(sys.argv[2], "w"), indent=1)
PY
cat > "$data/settings.json" <<SETTINGS
{
  "database": "$data/orchestrator.db",
  "workspace_root": "$data/workspaces",
  "reports_dir": "$data/reports",
  "vault_key_file": "$data/vault.key",
  "replay_script": "$data/replay.json",
  "git": {"remotes_dir": "$data/remotes"},
  "deploy": {"root": "$data/deploy", "http_port": ${DEMO_HTTP_PORT:-18080},
             "https_port": $https_port,
             "service_ports": {"first": ${DEMO_SERVICE_PORTS%-*}, "last": ${DEMO_SERVICE_PORTS#*-}}},
  "domains": {"zone": "$zone", "address": "127.0.0.1", "resolver": "127.0.0.1:$dns_port",
              "dns": {"provider": "rfc2136", "server": "127.0.0.1:$dns_port",
                      "key_name": "orchestrator", "key_secret": "domain:apps"}},
  "acme": {"directory": "https://127.0.0.1:$acme_port/dir", "email": "ops@$zone",
           "server_root": "$data/acme/api.pem", "issuer_root": "$data/acme/issuer-root.pem"}
}
SETTINGS
config=(--config "$data/settings.json")
printf '%s' "$secret" | "$orchestratord" secrets set domain:apps "${config[@]}" > /dev/null
say "the zone's TSIG key is in the vault as domain:apps"

started=$(date +%s)
set +e
"$orchestratord" run --description "$description" --json "${config[@]}" > "$data/last-run.jsonl"
code=$?
run_id="$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("type") == "run_stopped": print(e["run"])' "$data/last-run.jsonl" | tail -1)"
if [ "$code" -eq 3 ] && [ -n "$run_id" ]; then # waiting: the approval of the real domain
    say "the run asks to deploy to a real domain; approving it as the person would"
    "$orchestratord" answer "$run_id" approve --json "${config[@]}" >> "$data/last-run.jsonl"
    code=$?
fi
set -e
DEMO_CA="$data/acme/issuer-root.pem" DEMO_TEARDOWN="scripts/demo --scenario domain --teardown" \
    python3 "$ROOT/scripts/lib/demo_summary.py" "$data/last-run.jsonl" "$orchestratord" "$data" "$https_port" \
    "$(( $(date +%s) - started ))"
summary=$?
[ "$code" -eq 0 ] && [ "$summary" -eq 0 ] || exit 1
url="$("$orchestratord" deployments --json "${config[@]}" | python3 -c 'import json,sys
print(json.load(sys.stdin)[0]["url"])')"
host="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).hostname)' "$url")"
say "DNS: $host has A $(python3 - "$dns_port" "$host" <<'PY'
import socket, struct, sys
port, name = int(sys.argv[1]), sys.argv[2]
query = struct.pack(">HHHHHH", 7, 0, 1, 0, 0, 0) + b"".join(
    bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0" + struct.pack(">HH", 1, 1)
with socket.create_connection(("127.0.0.1", port), 5) as s:
    s.sendall(struct.pack(">H", len(query)) + query)
    answer = s.recv(4096)[2:]
print(".".join(str(b) for b in answer[-4:]) if struct.unpack(">H", answer[6:8])[0] else "nothing")
PY
)"
certificate="$(openssl s_client -connect "127.0.0.1:$https_port" -servername "$host" \
    -CAfile "$data/acme/issuer-root.pem" -verify_return_error < /dev/null 2>/dev/null |
    openssl x509 -noout -issuer -enddate)" || { echo "no valid certificate served for $host" >&2; exit 1; }
say "certificate of $host (verified against pebble's root):"
echo "$certificate" | sed 's/^/  /'
echo "The zone's server (knotd) and the ACME server (pebble) keep running beside the service."
