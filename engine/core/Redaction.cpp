#include "core/Redaction.h"

#include <QReadWriteLock>
#include <atomic>
#include <memory>

namespace orch::redaction {
namespace {

struct Needles
{
    std::vector<std::pair<QString, QByteArray>> vault;
    std::vector<std::pair<QString, QByteArray>> extra;
    std::shared_ptr<const SecretScrub> scrub;
};

QReadWriteLock s_lock;
std::atomic<bool> s_active{false};

Needles& needles()
{
    static Needles instance;
    return instance;
}

// Called with the write lock held.
void rebuild()
{
    auto scrub = std::make_shared<SecretScrub>();
    for (const auto* list : {&needles().vault, &needles().extra})
        for (const auto& [name, value] : *list)
            if (value.size() >= kShortest)
                scrub->add(name, value);
    needles().scrub = scrub;
    s_active = !scrub->empty();
}

std::shared_ptr<const SecretScrub> current()
{
    QReadLocker lock(&s_lock);
    return needles().scrub;
}

} // namespace

void setVaultSecrets(const std::vector<std::pair<QString, QByteArray>>& secrets)
{
    QWriteLocker lock(&s_lock);
    needles().vault = secrets;
    rebuild();
}

void addValue(const QString& name, const QByteArray& value)
{
    QWriteLocker lock(&s_lock);
    for (const auto* list : {&needles().vault, &needles().extra})
        for (const auto& [known, held] : *list)
            if (known == name && held == value)
                return; // known already: no rebuild

    needles().extra.emplace_back(name, value);
    rebuild();
}

bool active()
{
    return s_active;
}

std::string text(std::string value)
{
    if (!s_active)
        return value;
    const auto scrub = current();
    return scrub ? scrub->scrub(std::move(value)) : value;
}

QString text(const QString& value)
{
    if (!s_active)
        return value;
    return QString::fromStdString(text(value.toStdString()));
}

QByteArray bytes(const QByteArray& value)
{
    if (!s_active)
        return value;
    return QByteArray::fromStdString(text(value.toStdString()));
}

Json json(const Json& value)
{
    if (!s_active)
        return value;
    const auto scrub = current();
    return scrub ? scrub->scrub(value) : value;
}

} // namespace orch::redaction
