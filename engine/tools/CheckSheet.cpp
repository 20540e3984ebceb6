#include "tools/CheckSheet.h"

#include <QString>
#include <QStringList>

namespace orch {
namespace {

const Json* fieldAt(const Json& root, const std::string& dottedPath)
{
    const Json* node = &root;
    for (const QString& part : QString::fromStdString(dottedPath).split(QLatin1Char('.'))) {
        bool isIndex = false;
        const int index = part.toInt(&isIndex);
        if (node->is_array() && isIndex && index >= 0 && size_t(index) < node->size())
            node = &(*node)[size_t(index)];
        else if (node->is_object() && node->contains(part.toStdString()))
            node = &(*node)[part.toStdString()];
        else
            return nullptr;
    }
    return node;
}

Json uncoveredCriteria(const Json& state, const Json& checks)
{
    const Json acceptance = arrayAt(objectAt(state, "spec"), "acceptance");
    Json uncovered = Json::array();
    for (size_t i = 1; i <= acceptance.size(); ++i) {
        bool covered = false;
        for (const Json& check : checks)
            covered = covered || intOr(check, "criterion", 0) == qint64(i);
        if (!covered)
            uncovered.push_back(i);
    }
    return uncovered;
}

} // namespace

Json checkSheetBasis(const Json& state)
{
    return {{"probes", objectAt(state, "probes")},
            {"spec", {{"acceptance", arrayAt(objectAt(state, "spec"), "acceptance")}}}};
}

Json recordCheck(const Json& state, const std::string& version, const CheckResult& result)
{
    const Json previous = objectAt(state, "probes");
    Json checks =
        member(previous, "version") == Json(version) ? arrayAt(previous, "checks") : Json::array();
    Json entry = {{"id", result.id},           {"kind", result.kind},
                  {"request", result.request}, {"expected", result.expected},
                  {"got", result.got},         {"passed", result.passed}};
    if (result.criterion > 0)
        entry["criterion"] = result.criterion;
    bool replaced = false;
    for (Json& check : checks)
        if (stringOr(check, "id") == result.id) {
            check = entry;
            replaced = true;
        }
    if (!replaced)
        checks.push_back(std::move(entry));

    Json failed = Json::array();
    for (const Json& check : checks)
        if (!boolOr(check, "passed", false))
            failed.push_back({{"check", check["id"]},
                              {"request", check["request"]},
                              {"expected", check["expected"]},
                              {"got", check["got"]}});
    return {{"version", version},
            {"checks", checks},
            {"failed", failed},
            {"uncovered_criteria", uncoveredCriteria(state, checks)},
            {"passed", !checks.empty() && failed.empty()}};
}

Json jsonMismatches(const Json& actual, const Json& expected)
{
    Json mismatches = Json::array();
    if (!expected.is_object())
        return mismatches;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        const Json* got = fieldAt(actual, it.key());
        if (!got)
            mismatches.push_back(
                {{"field", it.key()}, {"expected", it.value()}, {"got", "(missing)"}});
        else if (*got != it.value())
            mismatches.push_back({{"field", it.key()}, {"expected", it.value()}, {"got", *got}});
    }
    return mismatches;
}

} // namespace orch
