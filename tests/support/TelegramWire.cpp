#include "TelegramWire.h"

#include <QHash>
#include <QTcpSocket>
#include <QUrlQuery>

namespace orch::test {
namespace {

QByteArray headerValue(const QByteArray& head, const QByteArray& name)
{
    for (const QByteArray& line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// A form value as the Bot API reads it: an integer stays an integer, JSON text (reply_markup)
// stays text, as the real API parses each parameter by its declared type.
Json formValue(const QByteArray& text)
{
    bool isNumber = false;
    const qint64 number = text.toLongLong(&isNumber);
    return isNumber ? Json(number) : Json(text.toStdString());
}

void addForm(Json& values, const QByteArray& encoded)
{
    const QUrlQuery query(QString::fromUtf8(encoded));
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded))
        values[toStd(key)] = formValue(value.toUtf8());
}

// The parts of a multipart/form-data body: name → (filename, content).
QHash<QString, QPair<QString, QByteArray>> multipartFields(const QByteArray& contentType,
                                                           const QByteArray& body)
{
    QHash<QString, QPair<QString, QByteArray>> fields;
    const qsizetype at = contentType.indexOf("boundary=");
    if (at < 0)
        return fields;
    QByteArray boundary = "--" + contentType.mid(at + 9);
    boundary.replace('"', "");
    qsizetype position = body.indexOf(boundary);
    while (position >= 0) {
        const qsizetype start = position + boundary.size() + 2; // past "\r\n"
        const qsizetype next = body.indexOf(boundary, start);
        if (next < 0)
            break;
        const QByteArray part = body.mid(start, next - start - 2); // the "\r\n" before it
        const qsizetype split = part.indexOf("\r\n\r\n");
        if (split > 0) {
            const QByteArray disposition = headerValue(part.left(split), "content-disposition");
            auto param = [&](const QByteArray& key) {
                const qsizetype from = disposition.indexOf(key + "=\"");
                if (from < 0)
                    return QString();
                const qsizetype begin = from + key.size() + 2;
                return QString::fromUtf8(
                    disposition.mid(begin, disposition.indexOf('"', begin) - begin));
            };
            fields.insert(param("name"), {param("filename"), part.mid(split + 4)});
        }
        position = next;
    }
    return fields;
}

} // namespace

std::optional<WireRequest> takeRequest(QByteArray& buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    const QByteArray head = buffer.left(headEnd);
    const qsizetype length = headerValue(head, "content-length").toLongLong();
    if (buffer.size() < headEnd + 4 + length)
        return std::nullopt;
    WireRequest request;
    const QList<QByteArray> line = head.left(head.indexOf('\r')).split(' ');
    request.verb = line.value(0);
    const QByteArray target = line.value(1);
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    request.contentType = headerValue(head, "content-type");
    request.body = buffer.mid(headEnd + 4, length);
    buffer.remove(0, headEnd + 4 + length);
    return request;
}

WireParams paramsOf(const WireRequest& request)
{
    WireParams params;
    addForm(params.values, request.query);
    if (request.body.isEmpty())
        return params;
    if (request.contentType.startsWith("multipart/form-data")) {
        const auto fields = multipartFields(request.contentType, request.body);
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (!it->first.isEmpty()) {
                params.fileName = it->first;
                params.document = it->second;
            } else {
                params.values[toStd(it.key())] = formValue(it->second);
            }
        }
    } else if (request.contentType.startsWith("application/x-www-form-urlencoded")) {
        addForm(params.values, request.body);
    } else {
        const Json body = parseJson(request.body);
        params.ok = body.is_object();
        if (params.ok)
            params.values.update(body);
    }
    return params;
}

void writeJson(QTcpSocket* socket, int status, const Json& body)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray bytes = toBytes(body);
    static const QHash<int, QByteArray> reasons = {
        {200, "OK"},        {400, "Bad Request"}, {401, "Unauthorized"},      {403, "Forbidden"},
        {404, "Not Found"}, {409, "Conflict"},    {429, "Too Many Requests"}, {502, "Bad Gateway"}};
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasons.value(status, "Error") +
                  "\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(bytes.size()) + "\r\n\r\n" + bytes);
}

} // namespace orch::test
