#pragma once
// An ACME server of the test's own: Debian's pebble on loopback ports, its API behind a
// throwaway certificate made with openssl, resolving the names it validates through the
// test's DNS server, and validating HTTP-01 on the port Caddy serves HTTP on. Validation is
// real (PEBBLE_VA_ALWAYS_VALID is never set); only its random sleeps are off.

#include <QProcess>
#include <QTemporaryDir>

namespace orch::test {

class PebbleServer
{
public:
    PebbleServer() = default;
    ~PebbleServer();
    PebbleServer(const PebbleServer&) = delete;
    PebbleServer& operator=(const PebbleServer&) = delete;

    static QString unavailableReason();
    // `dnsPort`: the DNS server on 127.0.0.1 it resolves through; `httpPort`/`tlsPort`: where
    // it connects to validate challenges; `validitySeconds`: how long the certificates it
    // issues last (0: pebble's five years). Empty when its directory answers.
    QString start(int dnsPort, int httpPort, int tlsPort, qint64 validitySeconds = 0);
    void stop();

    QString directory() const; // https://127.0.0.1:PORT/dir
    QString apiRootFile() const { return m_dir.filePath(QStringLiteral("api.crt")); }
    // Fetches the root the certificates it issues chain to (made anew at each start) into a
    // file; its path, or empty when it could not be read.
    QString fetchIssuerRoot();
    QString log();

private:
    QTemporaryDir m_dir;
    QProcess m_pebble;
    int m_port = 0;
    int m_managementPort = 0;
    QString m_output;
};

} // namespace orch::test
