#pragma once
// Typed reads of a tool's JSON arguments with errors that tell the model what to fix.

#include "core/Json.h"
#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace orch {

class Arguments
{
public:
    explicit Arguments(const Json& arguments) : m_args(arguments) {}

    Result<QString> requiredString(const char* name) const;
    QString optionalString(const char* name) const;
    Result<Json> requiredValue(const char* name) const;
    Result<QStringList> optionalStringList(const char* name) const;

private:
    const Json& m_args;
};

} // namespace orch
