// A deployed service that does what a prompt injection asks: reconfigure Caddy through its
// admin API (its unix socket, and the TCP port it used to listen on), write a site, read
// Caddy's configuration and CA key, read or change another service's environment, data and
// release, and look at other processes; and it starts a fork bomb and a memory bomb spread
// over processes, which its limits must stop. On the network it tries another service's port,
// a listener standing for the orchestrator's remote API (over IPv4, IPv6, 0.0.0.0 and this
// machine's own address) and a UDP port on loopback; the listeners must hear nothing, while
// Caddy's public port and the internet stay open to it. It reports what it managed in its health
// answer; each attempt must fail, and from outside Caddy must still route the other project to that
// project. Run as root (services as their own users) and again as nobody (services as the
// orchestrator's user, confined by bubblewrap).

#include "DeployHarness.h"
#include "JsonCompare.h"
#include "LocalPorts.h"
#include "PythonServices.h"
#include "TestFiles.h"
#include "UnprivilegedRerun.h"
#include "deploy/HttpProbe.h"
#include "sandbox/CommandCgroup.h"

#include <QCryptographicHash>
#include <QDir>
#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>
#include <set>

using namespace orch;
using namespace orch::test;

namespace {

const QByteArray kVictimSecret = "victim-database-password-51d2";

QByteArray victimService()
{
    return jsonService(R"("who": "victim")");
}

// Ports on this machine the attacker aims at (and Caddy's, which it may use).
struct Targets
{
    int victim = 0;
    int listener = 0;
    int udp = 0;
    int caddy = 0;
    QString hostAddress; // this machine's first address other than loopback; empty: none
};

// ROOT is the deploy root, which a service can work out from its own path.
QByteArray attackerService(const QString& root, const Targets& targets)
{
    QByteArray preamble = R"(import socket

ROOT = "@ROOT@"
LOAD = json.dumps({"apps": {"http": {"servers": {"evil": {"listen": [":0"], "routes": [
    {"handle": [{"handler": "file_server", "root": "/"}]}]}}}}}).encode()

# Caddy's admin API takes an empty Host on its unix socket and its own address over TCP.
def post_load(sock, host):
    sock.sendall(b"POST /load HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: "
                 b"application/json\r\nContent-Length: " + str(len(LOAD)).encode() +
                 b"\r\n\r\n" + LOAD)
    return sock.recv(200)

def unix_admin():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    s.connect(ROOT + "/caddy/admin.sock")
    post_load(s, b"")

def tcp_admin():
    post_load(socket.create_connection(("127.0.0.1", 2019), timeout=2), b"127.0.0.1:2019")

VICTIM, LISTENER, UDP, CADDY = @VICTIM@, @LISTENER@, @UDP@, @CADDY@
HOST = "@HOST@"

def connect(family, address):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(1)
    s.connect(address)
    s.sendall(b"GET / HTTP/1.0\r\n\r\n")
    s.close()

def udp_send():
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"hello", ("127.0.0.1", UDP))

def internet():  # a documentation address: unreachable here, but not refused by a fence
    try:
        connect(socket.AF_INET, ("203.0.113.1", 80))
    except PermissionError:
        return "fenced"
    except Exception:
        pass
    return "open"

def allowed():
    return {"caddy": attempt(lambda: connect(socket.AF_INET, ("127.0.0.1", CADDY))),
            "internet": internet()}

def other_processes():
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if b"victim" in open("/proc/%s/cmdline" % pid, "rb").read():
                return
        except OSError:
            pass
    raise RuntimeError("none seen")

# Run once at start, each in a process of its own so the service survives them: 400 sleeping
# children, and 8 children of 300 MB each (the service's limit is twice its 256 MB).
FORKS = """
import os, time
n, stopped = 0, None
try:
    for i in range(400):
        if os.fork() == 0:
            time.sleep(1); os._exit(0)
        n += 1
except OSError as e:
    stopped = e.errno
for i in range(n):  # the next bomb starts with every process slot free again
    os.wait()
raise SystemExit(0 if stopped is None else 1 if stopped == 11 else 2)  # EAGAIN: the limit
"""
MEMORY = """
import os, time
for i in range(8):
    try:
        child = os.fork()
    except OSError:
        raise SystemExit(2)
    if child == 0:
        b = b"x" * (300 * 1024 * 1024); time.sleep(2); os._exit(0)
ends = [os.wait()[1] for i in range(8)]
# Killed (SIGKILL, by the OOM killer of the cgroup): the limit; anything else: broken.
raise SystemExit(0 if ends == [0] * 8 else 1 if 9 in [e & 0x7f for e in ends] else 2)
"""

def bomb(code):
    import subprocess, sys
    try:
        code = subprocess.run([sys.executable, "-c", code], timeout=20).returncode
    except Exception as e:
        return "error: %s" % e
    # The bomb process itself killed by the limit counts as stopped too.
    return {0: "yes", 1: "no", -9: "no"}.get(code, "error: exit %d" % code)

BOMBS = {"fork_bomb": bomb(FORKS), "memory_bomb": bomb(MEMORY)}

def attempt(action):
    try:
        action()
        return "yes"
    except Exception:
        return "no"

def probe():
    return {
        "admin_socket": attempt(unix_admin),
        "admin_tcp": attempt(tcp_admin),
        "write_site": attempt(lambda: open(ROOT + "/caddy/sites/orch-evil.caddy", "w")),
        "read_caddyfile": attempt(lambda: open(ROOT + "/caddy/Caddyfile").read()),
        "read_ca_key": attempt(lambda: open(
            ROOT + "/caddy/storage/pki/authorities/local/root.key").read()),
        "read_other_env": attempt(lambda: open(ROOT + "/victim/env").read()),
        "list_other_data": attempt(lambda: os.listdir(ROOT + "/victim/data")),
        "write_other_release": attempt(lambda: open(ROOT + "/victim/current/app.py", "a")),
        "see_other_processes": attempt(other_processes),
        "other_service_port": attempt(lambda: connect(socket.AF_INET, ("127.0.0.1", VICTIM))),
        "other_service_mapped": attempt(
            lambda: connect(socket.AF_INET6, ("::ffff:127.0.0.1", VICTIM))),
        "remote_api": attempt(lambda: connect(socket.AF_INET, ("127.0.0.1", LISTENER))),
        "remote_api_v6": attempt(lambda: connect(socket.AF_INET6, ("::1", LISTENER))),
        "remote_api_any": attempt(lambda: connect(socket.AF_INET, ("0.0.0.0", LISTENER))),
        "host_address": attempt(lambda: connect(socket.AF_INET, (HOST, LISTENER))) if HOST
                        else "no",
        "udp_loopback": attempt(udp_send),
        **BOMBS,
    }

)";
    preamble.replace("@ROOT@", root.toUtf8())
        .replace("@VICTIM@", QByteArray::number(targets.victim))
        .replace("@LISTENER@", QByteArray::number(targets.listener))
        .replace("@UDP@", QByteArray::number(targets.udp))
        .replace("@CADDY@", QByteArray::number(targets.caddy))
        .replace("@HOST@", targets.hostAddress.toUtf8());
    return jsonService(R"("probe": probe(), "allowed": allowed())", preamble);
}

QString hostAddress()
{
    for (const QHostAddress& address : QNetworkInterface::allAddresses())
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            return address.toString();
    return {};
}

QByteArray hashOf(const QString& path)
{
    return QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256);
}

} // namespace

class TestServiceContainment : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeploySettings m_settings;
    DeployHarness m_harness{m_dir.path()};
    // Stand for the orchestrator's remote API and any other listener on this machine.
    QTcpServer m_listener;
    QUdpSocket m_udp;
    int m_heard = 0;

    // Through Caddy, trusting only its CA, as a visitor would.
    ProbeResult visit(const QString& url)
    {
        HttpProbe probe(
            {QUrl(url), "127.0.0.1", QSslCertificate::fromPath(m_settings.caRootFile()), 5000},
            nullptr);
        QSignalSpy answered(&probe, &HttpProbe::finished);
        probe.start();
        if (!answered.wait(8000))
            return {};
        return answered.first().first().value<ProbeResult>();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        qRegisterMetaType<orch::DeployOutcome>();
        m_settings.deployRoot = m_dir.filePath("root");
        m_settings.httpPort = freePort();
        m_settings.httpsPort = freePort();
        m_settings.healthTimeoutMs = 30000; // the attacker starts listening after its bombs
        m_harness.start(m_settings);
        QVERIFY(m_listener.listen(QHostAddress::Any));
        connect(&m_listener, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_listener.nextPendingConnection()) {
                ++m_heard;
                socket->deleteLater();
            }
        });
        QVERIFY(m_udp.bind(QHostAddress::LocalHost, 0));
        connect(&m_udp, &QUdpSocket::readyRead, this, [this] {
            while (m_udp.hasPendingDatagrams()) {
                m_udp.receiveDatagram();
                ++m_heard;
            }
        });
    }

    void aServiceReachesNeitherCaddyNorAnotherService()
    {
        m_harness.commit("victim", {{"app.py", victimService()}});
        const int victimPort = freePort();
        const DeployOutcome victim =
            m_harness.deploy("victim", {{"DB_PASSWORD", kVictimSecret}}, victimPort);
        QVERIFY2(victim.ok, qPrintable(victim.reason));
        const QByteArray caddyfile = hashOf(m_settings.caddyFolder() + "/Caddyfile");
        QVERIFY(!caddyfile.isEmpty());

        const Targets targets{victimPort, m_listener.serverPort(), m_udp.localPort(),
                              m_settings.httpPort, hostAddress()};
        m_harness.commit("mallory", {{"app.py", attackerService(m_settings.deployRoot, targets)}});
        const DeployOutcome mallory = m_harness.deploy("mallory", {}, freePort());
        QVERIFY2(mallory.ok, qPrintable(mallory.reason));
        const Json probe = parseJson(mallory.healthBody)["probe"];
        QVERIFY2(probe.is_object() && probe.size() == 18, mallory.healthBody.constData());
        // Where this host's cgroups cannot be written (an unprivileged orchestrator), the tree's
        // memory has no ceiling; the per-user process limit holds. Only root attaches the
        // network fence: an unprivileged orchestrator's services reach this machine's ports.
        const bool cgroups = !CommandCgroup::mode().isEmpty();
        const bool fenced = geteuid() == 0;
        qInfo("what the service managed (%s): %s", cgroups ? "cgroups" : "no cgroups",
              mallory.healthBody.constData());
        const std::set<std::string> network = {
            "other_service_port", "other_service_mapped", "remote_api",  "remote_api_v6",
            "remote_api_any",     "host_address",         "udp_loopback"};
        for (const auto& [attack, outcome] : probe.items())
            QVERIFY2(outcome == "no" || (attack == "memory_bomb" && !cgroups) ||
                         (network.contains(attack) && !fenced),
                     qPrintable(QStringLiteral("%1 got through: %2")
                                    .arg(QString::fromStdString(attack), mallory.healthBody)));
        // Heard from outside: nothing reached the listeners. The service's ways out stay open.
        QTest::qWait(100);
        if (fenced)
            QCOMPARE(m_heard, 0);
        const Json allowed = parseJson(mallory.healthBody)["allowed"];
        QCOMPARE(allowed["caddy"], "yes");
        QCOMPARE(allowed["internet"], "open");

        // From outside: Caddy still sends the victim's visitors to the victim, and its
        // configuration on disk is what the deploys wrote.
        const ProbeResult seen = visit(victim.url + "health");
        QVERIFY2(seen.ok, qPrintable(seen.error));
        QCOMPARE(parseJson(seen.body)["who"], "victim");
        QCOMPARE(QDir(m_settings.caddyFolder() + "/sites").entryList(QDir::Files),
                 QStringList({"orch-mallory.caddy", "orch-victim.caddy"}));
        QCOMPARE(hashOf(m_settings.caddyFolder() + "/Caddyfile"), caddyfile);
        QVERIFY(!mallory.healthBody.contains(kVictimSecret));
    }

    void teardownRemovesBoth()
    {
        QVERIFY(m_harness.teardown("mallory"));
        QVERIFY(m_harness.teardown("victim"));
        QVERIFY(
            QTest::qWaitFor([&] { return !QFile::exists(m_settings.caddyAdminSocket()); }, 10000));
    }

    void theSameHoldsWhenTheOrchestratorIsNotRoot()
    {
        if (geteuid() != 0 || insideUnprivilegedRerun())
            QSKIP("already unprivileged");
        const Rerun rerun = rerunAsNobody(240000);
        QVERIFY2(rerun.finished && rerun.exitCode == 0, rerun.output.constData());
        QVERIFY2(
            rerun.output.contains(
                "PASS   : TestServiceContainment::aServiceReachesNeitherCaddyNorAnotherService"),
            rerun.output.constData());
    }
};

QTEST_GUILESS_MAIN(TestServiceContainment)
#include "tst_service_containment.moc"
