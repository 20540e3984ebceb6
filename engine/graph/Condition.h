#pragma once
// An edge condition: "always", a state path that must be truthy ("tests.passed"),
// or its negation ("!tests.passed").

#include "core/Json.h"
#include "core/Result.h"

#include <QString>

namespace orch {

class Condition
{
public:
    static Result<Condition> parse(const QString& text);
    static Condition always() { return Condition(); }

    bool holds(const Json& state) const;
    QString text() const;

private:
    bool m_always = true;
    bool m_negated = false;
    QString m_path;
};

// JavaScript-like truthiness: null, false, 0, "", [] and {} are false.
bool isTruthy(const Json& value);
// Looks up a dotted path ("deployment.health") in an object; null when absent.
Json valueAtPath(const Json& root, const QString& dottedPath);

} // namespace orch
