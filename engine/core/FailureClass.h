#pragma once
// Whose move a failure calls for. Tools report it with every failure so the run routes it in
// code: the code's to the agent that edits code, the rest to the person with what to do.

#include <QString>

namespace orch {

enum class FailureClass
{
    Code,        // a test, a crash of the service, a wrong answer, a syntax error, a missing
                 // dependency in the code
    Environment, // permissions, a port, disk, an unreachable Bot API or package index, a
                 // refused token, a server down
    Person,      // a missing secret, a budget, a rejected approval
};

inline const char* failureClassName(FailureClass value)
{
    switch (value) {
    case FailureClass::Code:
        return "code";
    case FailureClass::Environment:
        return "environment";
    case FailureClass::Person:
        return "person";
    }
    return "code";
}

} // namespace orch
