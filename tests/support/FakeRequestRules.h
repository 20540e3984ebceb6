#pragma once
// What the real model APIs refuse before a model sees the request, so the stand-in refuses it
// too: a body that is not a JSON object, a missing or mistyped required field, and on
// Anthropic's Messages a request without a key (401) or an API version. Each refusal is in
// its protocol's error shape.

#include "FakeLlmServer.h"

#include <optional>

namespace orch::test {

// The refusal the real API would send for `request` (whose body parsed as `body`), or nothing
// when it would take the request.
std::optional<FakeReply> refusalFor(const RecordedRequest& request, const Json& body);

} // namespace orch::test
