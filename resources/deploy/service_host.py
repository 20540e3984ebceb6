"""What deploys do on the machine a service runs on. deploy.yml runs it in two steps, so that
a deploy is three module runs instead of a dozen (each costs about half a second): `prepare`
before the env file is written, `switch` after; teardown.yml runs `remove` (or `stop`, for a failed first release).

    python3 -c "<this file>" prepare|switch|remove SPEC

SPEC, JSON in base64 (from the engine, through the playbook; no secrets: the env file is written by its
own task): name, release, app_dir, release_dir, data_dir, user, staging (this machine: the
prepared release folder, moved in whole), archive (a server: the packed release), previous_dir
(the release running before, which lends its Python environment when it was made of the
same), pip_key, pip_args (a server's pip install arguments; empty: none), python, arguments,
confine, manager (systemd | daemon | auto), domain, port, listens, caddy {dir, http_port,
https_port, admin_socket, tls, bind}, relay (a bot's: {dir, upstream, source}; the host's Bot
API relay, bot_relay.py, is started by `prepare` when it is not running already).

Its network fence (what a service may connect to on this machine) is service_firewall.py,
which the playbooks put in front of this file.

Prints what it changed as the last line (JSON: changed, and relay_port for a bot); fails with
the reason on stderr."""
import base64
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

COMPLETE_MARK = ".orchestrator-release"
STAMP = ".venv/orchestrator-requirements"


def run(argv, **kwargs):
    """Runs argv; on failure exits with its output as the reason."""
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)
    if result.returncode != 0:
        output = result.stdout.decode("utf-8", "replace")[-3000:]
        sys.exit("%s failed (exit %d):\n%s" % (argv[0], result.returncode, output))
    return result.stdout.decode("utf-8", "replace")


def write_if_changed(path, content, mode=0o644):
    try:
        with open(path, encoding="utf-8") as existing:
            if existing.read() == content:
                return False
    except OSError:
        pass
    with open(path + ".new", "w", encoding="utf-8") as new:
        new.write(content)
    os.chmod(path + ".new", mode)
    os.replace(path + ".new", path)
    return True


def manager(spec):
    if spec["manager"] != "auto":
        return spec["manager"]
    return "systemd" if os.path.isdir("/run/systemd/system") else "daemon"


def ensure_user(spec, changes):
    user = spec["user"]
    if not user or subprocess.run(["getent", "passwd", user], stdout=subprocess.DEVNULL).returncode == 0:
        return
    # useradd holds a lock on /etc/passwd: another deploy at the same moment waits its turn.
    for attempt in range(10):
        result = subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir",
                                 spec["data_dir"], "--shell", "/usr/sbin/nologin", user],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if result.returncode == 0:
            changes.append("user")
            return
        time.sleep(1)
    sys.exit("useradd %s failed: %s" % (user, result.stdout.decode("utf-8", "replace")))


def stamp_of(folder):
    try:
        with open(os.path.join(folder, STAMP), encoding="utf-8") as stamp:
            return stamp.read(4096)
    except OSError:
        return None


def python_environment(spec, release, changes):
    """A server's environment: lent by the release before when made of the same, else pip."""
    if not spec["pip_args"] or os.access(os.path.join(release, ".venv/bin/python3"), os.X_OK):
        return
    stamp = "%s %s" % (spec["pip_key"], os.path.realpath(spec["python"]))
    previous = spec["previous_dir"]
    if previous and stamp_of(previous) == stamp and os.access(
            os.path.join(previous, ".venv/bin/python3"), os.X_OK):
        if subprocess.run(["cp", "-al", os.path.join(previous, ".venv"),
                           os.path.join(release, ".venv")]).returncode == 0:
            changes.append("environment lent")
            return
        shutil.rmtree(os.path.join(release, ".venv"), ignore_errors=True)
    environment = dict(os.environ, PIP_CONFIG_FILE="/dev/null", PIP_DISABLE_PIP_VERSION_CHECK="1",
                       PIP_NO_CACHE_DIR="1")
    # Isolated (-I) and from / : a venv.py or pip/ in the release is never imported.
    run([spec["python"], "-I", "-m", "venv", "--without-pip", os.path.join(release, ".venv")],
        cwd="/")
    run([spec["python"], "-I", "-m", "pip", "--python", os.path.join(release, ".venv/bin/python3"),
         "install"] + spec["pip_args"], env=environment, cwd="/")
    with open(os.path.join(release, STAMP), "w", encoding="utf-8") as out:
        out.write(stamp)
    changes.append("environment installed")


def relay_running(folder, pidfile):
    try:
        with open(pidfile, encoding="ascii") as source:
            pid = int(source.read().strip())
    except (OSError, ValueError):
        return False
    return process_state(pid) not in (None, "Z") and os.path.exists(
        os.path.join(folder, "control.sock"))


def ensure_relay(spec, changes):
    """The host's Bot API relay running (started once, restarted when its code or upstream
    changed); returns the loopback port bots reach it on."""
    relay = spec.get("relay")
    if not relay:
        return 0
    folder = relay["dir"]
    os.makedirs(folder, mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    user = "orch-bot-relay" if os.geteuid() == 0 else ""
    ensure_user({"user": user, "data_dir": folder}, changes)
    if user:
        shutil.chown(folder, user)
    script = os.path.join(folder, "bot_relay.py")
    changed = write_if_changed(script, relay["source"], 0o755)
    changed = write_if_changed(os.path.join(folder, "upstream"), relay["upstream"], 0o600) or changed
    # Where the host's Caddy CA is (root reads it for a webhook bot's check; no restart).
    write_if_changed(os.path.join(folder, "webhook-ca"), relay.get("ca_file", ""), 0o600)
    command = [spec["python"], script, "serve", folder, relay["upstream"]]
    if manager(spec) == "systemd":
        unit = "orch-bot-relay.service"
        changed = write_if_changed("/etc/systemd/system/" + unit, (
            "[Unit]\nDescription=Telegram Bot API relay (Codegen Orchestrator)\n"
            "After=network.target\n[Service]\nExecStart=%s\nRestart=always\n%s"
            "ProtectSystem=strict\nReadWritePaths=%s\nProtectHome=yes\nPrivateTmp=yes\n"
            "NoNewPrivileges=yes\n[Install]\nWantedBy=multi-user.target\n") % (
                " ".join(command), "User=%s\n" % user if user else "", folder)) or changed
        run(["systemctl", "daemon-reload"])
        run(["systemctl", "enable", unit])
        run(["systemctl", "restart" if changed else "start", unit])
    else:
        pidfile = os.path.join(folder, "relay.pid")
        if changed or not relay_running(folder, pidfile):
            stop_daemon(pidfile)
            if os.path.exists(os.path.join(folder, "control.sock")):
                os.remove(os.path.join(folder, "control.sock"))
            run(["start-stop-daemon", "--start", "--background", "--make-pidfile", "--pidfile",
                 pidfile, "--output", os.path.join(folder, "relay.log")]
                + (["--chuid", user] if user else []) + ["--exec", command[0], "--"] + command[1:])
            changed = True
    if changed:
        changes.append("bot relay started")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if os.path.exists(os.path.join(folder, "control.sock")):
            with open(os.path.join(folder, "port"), encoding="ascii") as port:
                return int(port.read().strip())
        time.sleep(0.02)
    with open(os.path.join(folder, "relay.log"), encoding="utf-8", errors="replace") as log:
        sys.exit("the bot relay did not start:\n" + log.read()[-2000:])


def prepare(spec):
    """The user, the folders, the release in place (with its Python environment), and for a
    bot the host's relay."""
    changes = []
    ensure_user(spec, changes)
    relay_port = ensure_relay(spec, changes)
    release, data = spec["release_dir"], spec["data_dir"]
    for folder in (data, os.path.join(spec["caddy"]["dir"], "sites"), os.path.dirname(release)):
        os.makedirs(folder, exist_ok=True)
    os.chmod(os.path.join(spec["caddy"]["dir"], "sites"), 0o755)
    os.chmod(data, 0o750)
    if spec["user"]:
        shutil.chown(data, spec["user"])
    staging, archive = spec["staging"], spec["archive"]
    # In place already: marked whole, or nothing sent (a rollback to a release of before).
    if os.path.exists(os.path.join(release, COMPLETE_MARK)) or not (staging or archive):
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        if archive and os.path.exists(archive):
            os.remove(archive)
        return changes, relay_port
    shutil.rmtree(release, ignore_errors=True)
    if staging:
        os.rename(staging, release)
    else:
        os.mkdir(release)
        run(["tar", "-xzf", archive, "-C", release, "--no-same-owner"])
        os.remove(archive)
    os.chmod(release, 0o755)
    python_environment(spec, release, changes)
    open(os.path.join(release, COMPLETE_MARK), "w").close()
    changes.append("release placed")
    return changes, relay_port


def service_command(spec):
    own = os.path.join(spec["release_dir"], ".venv/bin/python3")
    return [own if os.access(own, os.X_OK) else spec["python"]] + spec["arguments"]


def fence_ports(spec):
    """The ports of this machine a service may connect to: its own, Caddy's public ones (as
    any visitor), and a bot's Bot API relay."""
    ports = list(PERMITTED_PORTS) + [spec["port"], spec["caddy"]["http_port"],
                                     spec["caddy"]["https_port"]]
    relay = spec.get("relay")
    if relay:
        try:
            with open(os.path.join(relay["dir"], "port"), encoding="ascii") as port:
                ports.append(int(port.read().strip()))
        except (OSError, ValueError):
            pass
    return [int(port) for port in ports if port]


def systemd_unit(spec, command):
    user = "User=%s\n" % spec["user"] if spec["user"] else ""
    fence_lines = pinned_fence(cgroup_name(spec), fence_ports(spec))
    limits = spec.get("limits") or {}
    return ("[Unit]\nDescription={name} (Codegen Orchestrator)\nAfter=network.target\n"
            "[Service]\nWorkingDirectory={app}/current\nEnvironmentFile={app}/env\n"
            "ExecStart={command}\nRestart=on-failure\n{user}"
            "ProtectSystem=strict\nReadWritePaths={data}\nProtectHome=yes\nPrivateTmp=yes\n"
            "PrivateDevices=yes\nNoNewPrivileges=yes\nRestrictSUIDSGID=yes\nLimitNPROC=256\n"
            "TasksMax={tasks}\nMemoryMax={memory}M\nCPUQuota={cpu}%\n{fence}"
            "[Install]\nWantedBy=multi-user.target\n").format(
                name=spec["name"], app=spec["app_dir"], command=" ".join(command), user=user,
                data=spec["data_dir"], tasks=limits.get("processes", 256),
                memory=limits.get("memory_mb", 512), cpu=limits.get("cpu_percent", 100),
                fence=fence_lines)


def cgroup_name(spec):
    """The service's and its deploy root's: two deploy roots on one host never share one."""
    return "%s-%s" % (spec["name"], hashlib.sha256(spec["app_dir"].encode()).hexdigest()[:8])


def cgroup_folders(name, every=False):
    """Where the service's cgroup is in each hierarchy this host mounts, below this process's
    own cgroup: v1's pids, memory and cpu ({controller: folder}) where v1 has pids, else v2's
    ({"": folder}) where it offers pids; {} otherwise. EVERY: each of them, whatever it
    offers."""
    own = {}
    with open("/proc/self/cgroup", encoding="utf-8") as groups:
        for line in groups:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            for controller in (controllers.split(",") if controllers else [""]):
                own[controller] = path
    folders, unified = {}, None
    with open("/proc/self/mountinfo", encoding="utf-8") as mounts:
        for line in mounts:
            left, _, right = line.partition(" - ")
            fields, kind = left.split(), right.split()
            if len(fields) < 5 or len(kind) < 3 or kind[0] not in ("cgroup", "cgroup2"):
                continue
            root, point = fields[3], fields[4]
            wanted = [""] if kind[0] == "cgroup2" else [
                c for c in kind[2].split(",") if c in ("pids", "memory", "cpu")]
            for controller in wanted:
                path = own.get(controller)
                if path is None:
                    continue
                # In a container the mount's root is often this process's own cgroup.
                below = path if root == "/" else (path[len(root):] if path.startswith(root)
                                                  else "")
                folders[controller] = os.path.normpath(
                    point + "/" + below + "/orch-services/" + name)
                if controller == "":
                    unified = point
    if every:
        return folders
    if "pids" in folders:
        return {c: f for c, f in folders.items() if c}
    try:
        with open(os.path.join(unified or "/nonexistent", "cgroup.controllers")) as offered:
            return {"": folders[""]} if "pids" in offered.read().split() else {}
    except OSError:
        return {}


def service_cgroup(spec, changes):
    """The service's cgroup with its limits: the cgroup.procs files its starter joins, [] where
    this host's cgroups cannot be written (then the per-user limits of its own user hold)."""
    limits = spec.get("limits") or {}
    if not limits:
        return []
    memory = str(limits["memory_mb"] * 1024 * 1024)
    quota = str(limits["cpu_percent"] * 1000)
    files = {"": [("pids.max", str(limits["processes"]), True), ("memory.max", memory, True),
                  ("cpu.max", quota + " 100000", True)],
             "pids": [("pids.max", str(limits["processes"]), True)],
             "memory": [("memory.limit_in_bytes", memory, True),
                        ("memory.memsw.limit_in_bytes", memory, False)],
             "cpu": [("cpu.cfs_period_us", "100000", True), ("cpu.cfs_quota_us", quota, True)]}
    joined = []
    try:
        for controller, folder in cgroup_folders(cgroup_name(spec)).items():
            if controller == "":
                parent = os.path.dirname(folder)
                os.makedirs(parent, exist_ok=True)
                with open(os.path.join(parent, "cgroup.subtree_control"), "w") as control:
                    control.write("+pids +memory +cpu")
            os.makedirs(folder, exist_ok=True)
            for name, value, required in files[controller]:
                try:
                    with open(os.path.join(folder, name), "w") as limit:
                        limit.write(value)
                except OSError:
                    if required:
                        raise
            joined.append(os.path.join(folder, "cgroup.procs"))
    except OSError:
        return []
    if joined:
        changes.append("limited")
    return joined


def remove_cgroup(spec):
    try:
        folders = cgroup_folders(cgroup_name(spec), every=True)
    except OSError:
        return
    for folder in folders.values():
        try:
            os.rmdir(folder)
        except OSError:
            pass


def process_state(pid):
    """The state letter of /proc/PID/stat (R, S, Z…), None when there is no such process."""
    try:
        with open("/proc/%d/stat" % pid, encoding="ascii", errors="replace") as stat:
            line = stat.read()
        return line[line.rindex(")") + 2]
    except (OSError, ValueError, IndexError):
        return None


def started_from(pid, folder):
    """Whether process PID is one started from FOLDER (it works there, or runs a program of
    it), not another process that got the number after the one of the pidfile ended."""
    inside = folder.rstrip("/") + "/"
    try:
        if os.readlink("/proc/%d/cwd" % pid).startswith(inside):
            return True
        with open("/proc/%d/cmdline" % pid, "rb") as cmdline:
            return inside.encode() in cmdline.read()
    except OSError:
        return False


def stop_daemon(pidfile):
    """TERM, then KILL after 5 s, as start-stop-daemon --retry TERM/5/KILL/2 does, but done
    once the process has exited: a zombie holds no port, and whoever reaps it may be slow. A
    pidfile whose number now belongs to a process not started from its folder is stale: that
    process is left alone."""
    try:
        with open(pidfile, encoding="ascii") as source:
            pid = int(source.read().strip())
    except (OSError, ValueError):
        return
    if process_state(pid) not in (None, "Z") and not started_from(pid, os.path.dirname(pidfile)):
        os.remove(pidfile)
        return
    for signal_number, seconds in ((signal.SIGTERM, 5), (signal.SIGKILL, 2)):
        if process_state(pid) in (None, "Z"):
            break
        try:
            os.kill(pid, signal_number)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + seconds
        while process_state(pid) not in (None, "Z") and time.monotonic() < deadline:
            time.sleep(0.02)
    if process_state(pid) not in (None, "Z"):
        sys.exit("the running service (pid %d) did not stop" % pid)
    os.remove(pidfile)


def stop_service(spec):
    """The running release stopped, and gone for good: the pidfile's process is bwrap's outer
    one, and the service inside dies of its parent's death a moment after it (SIGKILL from
    --die-with-parent, delivered asynchronously), still holding its port. So wait for every
    process of its cgroup and for its port, or the next release finds the port taken."""
    stop_daemon(os.path.join(spec["app_dir"], "service.pid"))
    deadline = time.monotonic() + 5
    try:
        procs = [os.path.join(folder, "cgroup.procs")
                 for folder in cgroup_folders(cgroup_name(spec), every=True).values()]
    except OSError:
        procs = []
    while time.monotonic() < deadline and any(cgroup_members(path) for path in procs):
        time.sleep(0.01)
    while spec.get("listens") and time.monotonic() < deadline and port_taken(spec["port"]):
        time.sleep(0.01)


def cgroup_members(procs):
    try:
        with open(procs, encoding="ascii") as members:
            return members.read().split()
    except OSError:
        return []


def port_taken(port):
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("127.0.0.1", int(port)))
        return False
    except OSError:
        return True
    finally:
        probe.close()


def restart(spec, changes):
    app, command = spec["app_dir"], service_command(spec)
    unit = "orch-%s.service" % spec["name"]
    if manager(spec) == "systemd":
        write_if_changed("/etc/systemd/system/" + unit, systemd_unit(spec, command))
        run(["systemctl", "daemon-reload"])
        run(["systemctl", "enable", unit])
        run(["systemctl", "restart", unit])
    else:
        pidfile = os.path.join(app, "service.pid")
        stop_service(spec)
        # The starter joins the service's cgroup (as root, before it drops to the service's
        # user), so every process of the service is in it.
        joined = service_cgroup(spec, changes)
        fenced = fence(cgroup_name(spec), cgroup_folders(cgroup_name(spec), every=True).get(""),
                       fence_ports(spec))
        if fenced:
            changes.append("fenced")
            joined += [] if fenced in joined else [fenced]
        join = ["/bin/sh", "-c", 'for f; do [ "$f" = -- ] && break; echo $$ > "$f" || exit 125; '
                'shift; done; shift; exec "$@"', "join"] + joined + ["--"] if joined else []
        # The env file is read by the shell in front of the service; the command's parts
        # travel as arguments, never as shell text.
        run(join + ["start-stop-daemon", "--start", "--background", "--make-pidfile", "--pidfile",
             pidfile, "--chdir", os.path.join(app, "current"), "--output",
             os.path.join(app, "service.log")]
            + (["--chuid", spec["user"]] if spec["user"] else [])
            + ["--exec", "/bin/sh", "--", "-c", 'set -a; . "$0"; exec "$@"',
               os.path.join(app, "env")] + spec["confine"] + command)
    changes.append("restarted")


def acme_options(acme, folder):
    """Caddy's global options for certificates of real domains from the ACME server named."""
    if not acme.get("directory"):
        return ""
    for value in (acme["directory"], acme.get("email", "")):
        if any(c in value for c in " \t\r\n{}\"#"):
            sys.exit("acme settings must be one word each: %r" % value)
    options = "    acme_ca %s\n" % acme["directory"]
    if acme.get("email"):
        options += "    email %s\n" % acme["email"]
    if acme.get("server_root"):
        root = os.path.join(folder, "acme-server-root.pem")
        write_if_changed(root, acme["server_root"])
        options += "    acme_ca_root %s\n" % root
    return options


def caddy(spec, changes):
    settings = spec["caddy"]
    folder = settings["dir"]
    bind = "    default_bind %s\n" % settings["bind"] if settings.get("bind") else ""
    # The admin API is a unix socket in a folder only this user opens: a deployed service
    # (another user, or loopback for everyone) cannot reconfigure Caddy.
    os.makedirs(folder, exist_ok=True)
    os.chmod(folder, 0o700)
    write_if_changed(os.path.join(folder, "Caddyfile"), (
        "{\n    http_port %s\n    https_port %s\n    admin unix/%s\n"
        "    storage file_system %s/storage\n    skip_install_trust\n%s%s}\n"
        "import sites/*.caddy\n") % (settings["http_port"], settings["https_port"],
                                     settings["admin_socket"], folder, bind,
                                     acme_options(settings.get("acme") or {}, folder)))
    site = os.path.join(folder, "sites", "orch-%s.caddy" % spec["name"])
    if spec["listens"]:
        write_if_changed(site, "%s {\n    %s\n    reverse_proxy 127.0.0.1:%s\n}\n" % (
            spec["domain"], settings["tls"], spec["port"]))
    elif os.path.exists(site):  # a bot or a worker: nothing routes to it
        os.remove(site)
    address = "unix/" + settings["admin_socket"]
    reload = subprocess.run(["caddy", "reload", "--config", "Caddyfile", "--adapter", "caddyfile",
                             "--address", address], cwd=folder, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    if reload.returncode == 0:
        changes.append("caddy reloaded")
        return
    output = reload.stdout.decode("utf-8", "replace")
    if "connection refused" not in output and "no such file" not in output:
        # Caddy runs and refuses the configuration
        sys.exit("caddy reload failed:\n" + output[-3000:])
    # Its output goes to a file: Caddy would die of SIGPIPE once this step's pipe closes. A
    # session of its own: a cancelled deploy kills ansible's process group, never Caddy.
    with open(os.path.join(folder, "caddy.log"), "ab") as log:
        started = subprocess.run(["caddy", "start", "--config", "Caddyfile", "--adapter",
                                  "caddyfile"], cwd=folder, stdout=log, stderr=log,
                                 start_new_session=True)
    if started.returncode != 0:
        with open(os.path.join(folder, "caddy.log"), encoding="utf-8", errors="replace") as log:
            sys.exit("caddy start failed:\n" + log.read()[-3000:])
    changes.append("caddy started")


def switch(spec):
    """`current` to the release (one rename), the history, the service, Caddy."""
    changes = []
    app = spec["app_dir"]
    link = os.path.join(app, "current")
    if os.path.lexists(link + ".new"):
        os.remove(link + ".new")
    os.symlink(spec["release_dir"], link + ".new")
    os.replace(link + ".new", link)
    with open(os.path.join(app, "deploys.log"), "a", encoding="utf-8") as history:
        history.write("%s %s\n" % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                   spec["release"]))
    restart(spec, changes)
    caddy(spec, changes)
    return changes


def stop_idle_relay(deploy_root, changes):
    """The host's Bot API relay stops with the last bot (a bot's env file names it)."""
    folder = os.path.join(deploy_root, ".bot-relay")
    if not os.path.isdir(folder):
        return
    for name in os.listdir(deploy_root):
        try:
            with open(os.path.join(deploy_root, name, "env"), encoding="utf-8") as env:
                if "TELEGRAM_API=" in env.read():
                    return
        except OSError:
            continue
    if os.path.exists("/etc/systemd/system/orch-bot-relay.service"):
        subprocess.run(["systemctl", "disable", "--now", "orch-bot-relay.service"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop_daemon(os.path.join(folder, "relay.pid"))
    changes.append("bot relay stopped")


def stop(spec):
    """A failed first release stopped (and kept from starting again); its files stay."""
    stop_service(spec)
    if manager(spec) == "systemd":
        subprocess.run(["systemctl", "disable", "--now", "orch-%s.service" % spec["name"]],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return ["stopped"]


def remove(spec):
    """The service stopped, its Caddy site, files and user gone; Caddy stops with its last
    site. Its user goes only when this deploy root made it (its home is the data folder)."""
    changes = []
    unit = "orch-%s.service" % spec["name"]
    stop_service(spec)
    if manager(spec) == "systemd":
        subprocess.run(["systemctl", "disable", "--now", unit], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        if os.path.exists("/etc/systemd/system/" + unit):
            os.remove("/etc/systemd/system/" + unit)
            run(["systemctl", "daemon-reload"])
    remove_cgroup(spec)
    remove_fence(cgroup_name(spec))
    settings = spec["caddy"]
    sites = os.path.join(settings["dir"], "sites")
    site = os.path.join(sites, "orch-%s.caddy" % spec["name"])
    if os.path.exists(site):
        os.remove(site)
        changes.append("site removed")
    left = [name for name in os.listdir(sites) if name.endswith(".caddy")] if os.path.isdir(
        sites) else []
    address = "unix/" + settings["admin_socket"]
    if left:
        subprocess.run(["caddy", "reload", "--config", "Caddyfile", "--adapter", "caddyfile",
                        "--address", address], cwd=settings["dir"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    else:
        subprocess.run(["caddy", "stop", "--address", address], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    if os.path.lexists(spec["app_dir"]):
        shutil.rmtree(spec["app_dir"], ignore_errors=True)
        changes.append("files removed")
    stop_idle_relay(os.path.dirname(spec["app_dir"]), changes)
    user = spec["user"]
    entry = subprocess.run(["getent", "passwd", user], stdout=subprocess.PIPE) if user else None
    if entry and entry.returncode == 0 and entry.stdout.decode().strip().split(":")[5:6] == [
            spec["data_dir"]]:
        for attempt in range(10):  # userdel waits for the lock on /etc/passwd as useradd does
            if subprocess.run(["userdel", user], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                changes.append("user removed")
                break
            time.sleep(1)
        else:
            sys.exit("userdel %s failed" % user)
    return changes


def main():
    step, spec = sys.argv[1], json.loads(base64.b64decode(sys.argv[2]))
    if step == "prepare":
        changes, relay_port = prepare(spec)
        print(json.dumps({"changed": changes, "relay_port": relay_port}))
        return
    steps = {"switch": switch, "remove": remove, "stop": stop}
    print(json.dumps({"changed": steps[step](spec)}))


main()
