#pragma once
// Lets QCOMPARE print nlohmann::json values (found by argument-dependent lookup).

#include "core/Json.h"

#include <QFloat16>
#include <QtTest/qtestcase.h>

namespace nlohmann {
inline char* toString(const json& value)
{
    return qstrdup(value.dump().c_str());
}
} // namespace nlohmann
