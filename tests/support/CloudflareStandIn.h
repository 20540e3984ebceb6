#pragma once
// A local stand-in for Cloudflare's DNS API (v4), over real HTTP on 127.0.0.1, as strict as
// the real one for what the orchestrator uses:
//   GET    /zones?name=Z                         → the zones the token may see with that name
//   GET    /zones/ID/dns_records?name=N&...      → the name's records, one page
//   POST   /zones/ID/dns_records                 → a record created (type, name, content, ttl)
//   DELETE /zones/ID/dns_records/RID             → {id}
// Every answer is the envelope {success, errors, messages, result}; a token other than the one
// given gets 403 with code 10000 "Authentication error"; an unknown zone 404 with 7003; an
// identical record 400 with 81058; A/AAAA beside a CNAME 400 with 81053; content that is not
// an address of the type 400 with 9005; a name outside the zone 400 with 9007; more than
// `rateLimit` requests 429 with Retry-After (the real limit: 1200 per 5 minutes per token).
// https://developers.cloudflare.com/api/resources/dns/subresources/records/
// https://developers.cloudflare.com/fundamentals/api/reference/limits/
// What tests need beyond that (the records, faults) is reached through this object, never
// through the HTTP side the product talks to.

#include "FakeLlmServer.h"

#include <QHostAddress>
#include <QUrlQuery>

namespace orch::test {

class CloudflareStandIn
{
public:
    struct Record
    {
        QString id, type, name, content;
        int ttl = 1;
    };

    CloudflareStandIn(QByteArray token, QString zone) : m_token(std::move(token)), m_zone(zone)
    {
        m_server.setHandler([this](const RecordedRequest& request) { return answer(request); });
    }

    bool listen() { return m_server.listen(); }
    QUrl api() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.port())); }
    QList<RecordedRequest> requests() const { return m_server.requests(); }
    // Faults for the next requests (a stall, a broken body), before any real answer.
    void failNext(FakeReply reply) { m_server.enqueue(std::move(reply)); }

    QString zoneId = QStringLiteral("023e105f4ecef8ad9ca31a8372d0c353");
    std::vector<Record> records;
    int rateLimit = 1 << 30; // requests answered before 429s
    int retryAfterS = 1;

    QStringList contentsOf(const QString& name, const QString& type) const
    {
        QStringList found;
        for (const Record& r : records)
            if (r.name == name && r.type == type)
                found << r.content;
        return found;
    }

private:
    static FakeReply envelope(int status, const Json& result, const Json& errors = Json::array())
    {
        return FakeReply::raw(status, toBytes({{"success", errors.empty()},
                                               {"errors", errors},
                                               {"messages", Json::array()},
                                               {"result", result}}));
    }
    static FakeReply refuse(int status, int code, const char* message)
    {
        return envelope(status, nullptr, Json::array({{{"code", code}, {"message", message}}}));
    }
    static Json toJson(const Record& r)
    {
        return {{"id", toStd(r.id)},
                {"type", toStd(r.type)},
                {"name", toStd(r.name)},
                {"content", toStd(r.content)},
                {"ttl", r.ttl},
                {"proxied", false},
                {"proxiable", r.type != "TXT"},
                {"created_on", "2026-12-06T10:00:00Z"}};
    }

    FakeReply answer(const RecordedRequest& request)
    {
        if (--rateLimit < 0) {
            FakeReply limited = refuse(429, 971,
                                       "Please wait and consider throttling your "
                                       "request speed");
            limited.headers.append({"Retry-After", QByteArray::number(retryAfterS)});
            return limited;
        }
        if (request.header("authorization") != "Bearer " + m_token)
            return refuse(403, 10000, "Authentication error");
        const QString target = QString::fromUtf8(request.path);
        const QStringList parts =
            target.section(QLatin1Char('?'), 0, 0).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const QUrlQuery query(target.section(QLatin1Char('?'), 1));
        if (request.method == "GET" && parts == QStringList{"zones"}) {
            Json zones = Json::array();
            if (!query.hasQueryItem("name") || query.queryItemValue("name") == m_zone)
                zones.push_back(
                    {{"id", toStd(zoneId)}, {"name", toStd(m_zone)}, {"status", "active"}});
            return envelope(200, zones);
        }
        if (parts.size() < 3 || parts[0] != QLatin1String("zones") ||
            parts[2] != QLatin1String("dns_records"))
            return refuse(404, 7000, "No route for that URI");
        if (parts[1] != zoneId)
            return refuse(404, 7003,
                          "Could not route to /zones/..., perhaps your object "
                          "identifier is invalid?");
        if (request.method == "GET" && parts.size() == 3) {
            const QString name = query.queryItemValue("name");
            Json found = Json::array();
            for (const Record& r : records)
                if (name.isEmpty() || r.name == name)
                    found.push_back(toJson(r));
            FakeReply listed = envelope(200, found);
            Json body = parseJson(listed.body);
            body["result_info"] = {{"page", 1},
                                   {"per_page", 100},
                                   {"count", found.size()},
                                   {"total_count", found.size()},
                                   {"total_pages", 1}};
            listed.body = toBytes(body);
            return listed;
        }
        if (request.method == "POST" && parts.size() == 3)
            return create(request.json());
        if (request.method == "DELETE" && parts.size() == 4) {
            const auto before = records.size();
            std::erase_if(records, [&](const Record& r) { return r.id == parts[3]; });
            if (records.size() == before)
                return refuse(404, 81044, "Record does not exist.");
            return envelope(200, {{"id", toStd(parts[3])}});
        }
        return refuse(405, 10405, "Method not allowed for this route");
    }

    FakeReply create(const Json& body)
    {
        Record r;
        r.type = toQ(stringOr(body, "type"));
        r.name = toQ(stringOr(body, "name")).toLower();
        r.content = toQ(stringOr(body, "content"));
        r.ttl = int(intOr(body, "ttl", 1));
        if (r.type.isEmpty() || r.name.isEmpty() || r.content.isEmpty())
            return refuse(400, 9000, "DNS name, type and content are required");
        if (r.name != m_zone && !r.name.endsWith("." + m_zone))
            return refuse(400, 9007, "Content for record name is invalid: it is outside the zone");
        const QHostAddress address(r.content);
        if ((r.type == "A" && address.protocol() != QAbstractSocket::IPv4Protocol) ||
            (r.type == "AAAA" && address.protocol() != QAbstractSocket::IPv6Protocol))
            return refuse(400, 9005,
                          "Content for A record is invalid. Must be a valid IPv4 "
                          "address");
        if (r.ttl != 1 && (r.ttl < 60 || r.ttl > 86400))
            return refuse(400, 9021,
                          "Invalid TTL. Must be between 60 and 86400 seconds, or 1 "
                          "for Automatic");
        for (const Record& other : records) {
            if (other.name == r.name && other.type == r.type && other.content == r.content)
                return refuse(400, 81058, "An identical record already exists.");
            if (other.name == r.name && (other.type == "CNAME") != (r.type == "CNAME"))
                return refuse(400, 81053,
                              "An A, AAAA, or CNAME record with that host already "
                              "exists.");
        }
        r.id = QString::number(0x372e67954025e0baULL + m_next++, 16);
        records.push_back(r);
        return envelope(200, toJson(r));
    }

    FakeLlmServer m_server;
    QByteArray m_token;
    QString m_zone;
    unsigned m_next = 0;
};

} // namespace orch::test
