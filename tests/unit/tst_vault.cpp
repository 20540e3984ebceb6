// The vault: round trip, wrong key, tampering, handles, key file permissions.

#include "store/Database.h"
#include "store/RunStore.h"
#include "vault/Vault.h"
#include "vault/VaultKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <sodium.h>

using namespace orch;

class TestVault : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QByteArray randomKey()
    {
        QByteArray key(crypto_secretbox_KEYBYTES, '\0');
        randombytes_buf(key.data(), size_t(key.size()));
        return key;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        qunsetenv(kVaultKeyVariable);
    }

    void roundTripAndList()
    {
        auto store = RunStore::open(m_dir.filePath("a.db")).value();
        Vault vault(store->database(), randomKey());
        QCOMPARE(vault.put("openai", "sk-round-trip").value(), QStringLiteral("key:openai"));
        QCOMPARE(vault.put("bot:weather", "123:ABC").value(), QStringLiteral("bot:weather"));
        QCOMPARE(vault.reveal("key:openai").value(), QByteArray("sk-round-trip"));
        QCOMPARE(vault.put("key:openai", "sk-replaced").value(), QStringLiteral("key:openai"));
        QCOMPARE(vault.reveal("key:openai").value(), QByteArray("sk-replaced"));
        const auto entries = vault.list().value();
        QCOMPARE(entries.size(), size_t(2));
        QCOMPARE(entries[0].handle, QStringLiteral("bot:weather"));
        QVERIFY(!vault.reveal("key:missing").ok());
        QVERIFY(!vault.put("rocket:x", "v").ok());
        QVERIFY(!vault.put("key:bad name", "v").ok());
        QVERIFY(!vault.put("key:empty", "").ok());
        QVERIFY(vault.remove("bot:weather").ok());
        QVERIFY(!vault.reveal("bot:weather").ok());

        // The value is not in the database file in the clear.
        QFile file(m_dir.filePath("a.db"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("sk-replaced"));
    }

    void aProjectUsesOnlyItsOwnAndGrantedSecrets()
    {
        auto store = RunStore::open(m_dir.filePath("scopes.db")).value();
        Vault vault(store->database(), randomKey());
        QVERIFY(vault.put("key:openai", "sk-server").ok()); // the orchestrator's own by default
        QVERIFY(vault.put("server:remote", "remote-token").ok());
        QVERIFY(vault.put("bot:mine", "111:mine", "project:p1").ok());
        QVERIFY(vault.put("bot:theirs", "222:theirs", "project:p2").ok());
        QVERIFY(vault.put("key:maps", "maps-key", "shared").ok());
        QVERIFY(vault.put("key:common", "common-key", "shared").ok());
        QVERIFY(!vault.put("key:x", "v", "project:../p1").ok());
        QVERIFY(!vault.put("key:x", "v", "everyone").ok());

        QCOMPARE(vault.revealFor("bot:mine", "p1").value(), QByteArray("111:mine"));
        const auto refused = [&](const char* handle, const char* project, const char* why) {
            auto r = vault.revealFor(handle, project);
            QVERIFY2(!r.ok(), handle);
            QCOMPARE(r.code(), ErrorCode::Forbidden);
            QVERIFY2(r.error().contains(why), qPrintable(r.error()));
        };
        refused("key:openai", "p1", "orchestrator's own");
        refused("server:remote", "p1", "orchestrator's own");
        refused("bot:theirs", "p1", "another project");
        refused("key:maps", "p1", "not granted");
        QCOMPARE(vault.revealFor("key:missing", "p1").code(), ErrorCode::NotFound);

        QVERIFY(vault.grant("key:maps", "p1", "admin").ok());
        QCOMPARE(vault.revealFor("key:maps", "p1").value(), QByteArray("maps-key"));
        refused("key:maps", "p2", "not granted");
        QVERIFY(vault.grant("key:common", "*", "admin").ok());
        QCOMPARE(vault.revealFor("key:common", "p2").value(), QByteArray("common-key"));
        QVERIFY(!vault.grant("key:openai", "p1", "admin").ok()); // only shared ones
        QVERIFY(!vault.grant("bot:theirs", "p1", "admin").ok());
        refused("key:openai", "p1", "orchestrator's own");

        const auto entries = vault.list().value();
        const auto maps = std::find_if(entries.begin(), entries.end(),
                                       [](const VaultEntry& e) { return e.handle == "key:maps"; });
        QCOMPARE(maps->scope, QStringLiteral("shared"));
        QCOMPARE(maps->grants, QStringList{"p1"});
        QVERIFY(vault.remove("key:maps").ok());
        QVERIFY(vault.put("key:maps", "again", "shared").ok());
        refused("key:maps", "p1", "not granted"); // removing a secret removes its grants
    }

    void wrongKeyAndTampering()
    {
        auto store = RunStore::open(m_dir.filePath("b.db")).value();
        const QByteArray key = randomKey();
        Vault vault(store->database(), key);
        QVERIFY(vault.put("key:a", "alpha").ok());
        QVERIFY(vault.put("key:b", "beta").ok());

        Vault other(store->database(), randomKey());
        auto wrong = other.reveal("key:a");
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().contains("wrong vault key or tampered data"),
                 qPrintable(wrong.error()));

        QSqlQuery q = store->database().newQuery();
        QVERIFY(q.exec("SELECT sealed FROM secrets WHERE handle = 'key:a'") && q.next());
        QByteArray sealed = q.value(0).toByteArray();
        sealed[sealed.size() / 2] = char(sealed[sealed.size() / 2] ^ 0x01);
        QSqlQuery update = store->database().newQuery();
        update.prepare("UPDATE secrets SET sealed = ? WHERE handle = 'key:a'");
        update.addBindValue(sealed);
        QVERIFY(update.exec());
        QVERIFY(!vault.reveal("key:a").ok());

        // A sealed value moved under another handle does not open there.
        QVERIFY(q.exec("UPDATE secrets SET handle = 'key:c' WHERE handle = 'key:b'"));
        auto moved = vault.reveal("key:c");
        QVERIFY(!moved.ok());
        QVERIFY2(moved.error().contains("another handle"), qPrintable(moved.error()));
    }

    void keyFileIsCreatedPrivateAndChecked()
    {
        const QString path = m_dir.filePath("config/vault.key");
        auto created = loadVaultKey(path);
        QVERIFY2(created.ok(), qPrintable(created.error()));
        // Only the owner may read or write it: no group or other bits at all (0600).
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                            QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(int(QFile(path).permissions() & others), 0);
        QVERIFY(QFile(path).permissions() & QFileDevice::ReadOwner);
        QCOMPARE(loadVaultKey(path).value(), created.value()); // the same key next time
        QFile(path).setPermissions(QFile(path).permissions() | QFileDevice::ReadOther);
        auto refused = loadVaultKey(path);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains("chmod 600"), qPrintable(refused.error()));
    }

    // The README's command writes what the program reads; raw random bytes (what
    // `head -c 32 /dev/urandom` alone writes) are refused with the format named.
    void aKeyFileInTheReadmesFormatIsReadAndRawBytesAreNot()
    {
        const QString path = m_dir.filePath("readme/vault.key");
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QProcess shell;
        shell.start("/bin/sh",
                    {"-c", "(umask 077; head -c 32 /dev/urandom | base64 > \"$0\")", path});
        QVERIFY(shell.waitForFinished() && shell.exitCode() == 0);
        QCOMPARE(loadVaultKey(path).value().size(), 32);

        QFile raw(m_dir.filePath("readme/raw.key"));
        QVERIFY(raw.open(QIODevice::WriteOnly));
        raw.write(randomKey());
        raw.close();
        raw.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto refused = loadVaultKey(raw.fileName());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains("base64"), qPrintable(refused.error()));
    }

    // Secrets sealed with a key that went missing: an error, never a fresh key that would
    // silently orphan them. Removing an unknown handle is an error too.
    void missingKeyWithSealedSecretsIsAnError()
    {
        auto store = RunStore::open(m_dir.filePath("sealed.db")).value();
        QCOMPARE(Vault::holdsSecrets(store->database()).value(), false);
        Vault vault(store->database(), randomKey());
        QVERIFY(vault.put("key:x", "value").ok());
        QCOMPARE(Vault::holdsSecrets(store->database()).value(), true);
        auto refused = loadVaultKey(m_dir.filePath("gone/vault.key"), false);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains("missing"), qPrintable(refused.error()));
        QVERIFY(!QFile::exists(m_dir.filePath("gone/vault.key")));
        auto unknown = vault.remove("key:typo");
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().contains("no secret key:typo"), qPrintable(unknown.error()));
        QVERIFY(vault.remove("key:x").ok());
    }

    void keyFromEnvironment()
    {
        const QByteArray key = randomKey();
        qputenv(kVaultKeyVariable, key.toBase64());
        QCOMPARE(loadVaultKey(m_dir.filePath("unused.key")).value(), key);
        QVERIFY(!QFile::exists(m_dir.filePath("unused.key")));
        qputenv(kVaultKeyVariable, "c2hvcnQ=");
        QVERIFY(!loadVaultKey(m_dir.filePath("unused.key")).ok());
        qunsetenv(kVaultKeyVariable);
    }
};

QTEST_GUILESS_MAIN(TestVault)
#include "tst_vault.moc"
