#include "api/MethodCodec.h"

#include <array>
#include <utility>

namespace orch::api {
namespace {

constexpr std::array<std::pair<ErrorCode, std::string_view>, 8> kErrorNames{{
    {ErrorCode::Failed, "failed"},
    {ErrorCode::BadRequest, "bad_request"},
    {ErrorCode::NotFound, "not_found"},
    {ErrorCode::Invalid, "invalid"},
    {ErrorCode::InvalidGraph, "invalid_graph"},
    {ErrorCode::Forbidden, "forbidden"},
    {ErrorCode::Conflict, "conflict"},
    {ErrorCode::Unavailable, "unavailable"},
}};

} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto& [known, name] : kErrorNames)
        if (known == code)
            return QString::fromLatin1(name.data(), qsizetype(name.size()));
    return QStringLiteral("failed");
}

ErrorCode errorCodeFrom(std::string_view name)
{
    for (const auto& [code, known] : kErrorNames)
        if (known == name)
            return code;
    return ErrorCode::Failed;
}

Json errorToJson(const Error& error)
{
    return Json{{"code", toStd(errorCodeName(error.code))}, {"message", toStd(error.message)}};
}

Error errorFromJson(const Json& error)
{
    return Error{toQ(stringOr(error, "message")), errorCodeFrom(stringOr(error, "code"))};
}

Json writeAnswer(const QStringList& texts)
{
    Json list = Json::array();
    for (const QString& text : texts)
        list.push_back(toStd(text));
    return list;
}

Result<QString> readText(const Json& json)
{
    if (!json.is_string())
        return Error{QStringLiteral("expected a string")};
    return toQ(json.get<std::string>());
}

Result<QStringList> readTexts(const Json& json)
{
    if (!json.is_array())
        return Error{QStringLiteral("expected a list of strings")};
    QStringList texts;
    for (size_t i = 0; i < json.size(); ++i) {
        if (!json[i].is_string())
            return Error{QStringLiteral("[%1]: expected a string").arg(i)};
        texts << toQ(json[i].get<std::string>());
    }
    return texts;
}

} // namespace orch::api
