#include "core/SecretScrub.h"

#include <QUrl>
#include <algorithm>

namespace orch {

void SecretScrub::add(const QString& handle, const QByteArray& value)
{
    if (value.size() < kShortest)
        return;
    const std::string mark = "[secret " + handle.toStdString() + "]";
    const QByteArray forms[] = {
        value,
        value.toBase64(),
        value.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals),
        value.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
        value.toHex(),
        value.toHex().toUpper(),
        QUrl::toPercentEncoding(QString::fromUtf8(value)),
    };
    for (const QByteArray& form : forms)
        if (form.size() >= kShortest)
            m_needles.emplace_back(form.toStdString(), mark);
    // Longest first: a value's encoding that contains another value is replaced whole. Equal
    // needles (base64 that needs no padding) sort next to each other, so unique drops them.
    std::sort(m_needles.begin(), m_needles.end(), [](const auto& a, const auto& b) {
        return a.first.size() != b.first.size() ? a.first.size() > b.first.size() : a < b;
    });
    m_needles.erase(std::unique(m_needles.begin(), m_needles.end()), m_needles.end());
}

std::string SecretScrub::scrub(std::string text) const
{
    for (const auto& [needle, mark] : m_needles)
        for (size_t at = text.find(needle); at != std::string::npos;
             at = text.find(needle, at + mark.size()))
            text.replace(at, needle.size(), mark);
    return text;
}

Json SecretScrub::scrub(const Json& value) const
{
    if (m_needles.empty())
        return value;
    if (value.is_string())
        return scrub(value.get<std::string>());
    if (value.is_array()) {
        Json copy = Json::array();
        for (const Json& item : value)
            copy.push_back(scrub(item));
        return copy;
    }
    if (value.is_object()) {
        Json copy = Json::object();
        for (auto it = value.begin(); it != value.end(); ++it)
            copy[scrub(it.key())] = scrub(it.value());
        return copy;
    }
    return value;
}

} // namespace orch
