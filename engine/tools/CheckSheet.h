#pragma once
// The Tester's check sheet in the project state ("probes"): one entry per check id, the latest
// result of a check replaces the earlier one (a mistaken expectation can be corrected), and a
// newly deployed version starts a fresh sheet. The sheet passes when it has checks and every
// one passed; the edges and the report read it, the Developer gets the failures from it.

#include "core/Json.h"

namespace orch {

struct CheckResult
{
    std::string id;
    int criterion = 0; // 1-based index into spec.acceptance; 0: none given
    std::string kind;  // "http" or "bot"
    Json request;      // what was sent
    Json expected;
    Json got;
    bool passed = false;
};

// The part of the project state a sheet is recorded against (the sheet so far and the
// acceptance criteria), for a check to keep while it waits instead of the whole state.
Json checkSheetBasis(const Json& state);

// The "probes" value after `result` is recorded on `state`'s sheet for `version`.
Json recordCheck(const Json& state, const std::string& version, const CheckResult& result);

// Where `actual` differs from `expected` ({"dotted.path": value}): [{field, expected, got}].
// Path segments that are numbers index arrays; a missing field is got: "(missing)".
Json jsonMismatches(const Json& actual, const Json& expected);

} // namespace orch
