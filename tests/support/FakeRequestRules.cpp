#include "FakeRequestRules.h"

namespace orch::test {
namespace {

enum class Api
{
    None,
    ChatCompletions, // https://platform.openai.com/docs/api-reference/chat/create
    Responses,       // https://platform.openai.com/docs/api-reference/responses/create
    Messages,        // https://docs.anthropic.com/en/api/messages
};

Api apiOf(const RecordedRequest& request)
{
    if (request.method != "POST")
        return Api::None;
    if (request.path.endsWith("/chat/completions"))
        return Api::ChatCompletions;
    if (request.path.endsWith("/responses"))
        return Api::Responses;
    if (request.path.endsWith("/messages"))
        return Api::Messages;
    return Api::None;
}

// OpenAI's error object (https://platform.openai.com/docs/guides/error-codes): message, type,
// param and code, under "error".
FakeReply openAiRefusal(const std::string& message, const char* param, const char* code)
{
    const Json error = {{"message", message},
                        {"type", "invalid_request_error"},
                        {"param", param ? Json(param) : Json(nullptr)},
                        {"code", code ? Json(code) : Json(nullptr)}};
    return FakeReply::raw(400, toBytes({{"error", error}}));
}

// Anthropic's (https://docs.anthropic.com/en/api/errors): {"type":"error","error":{type,message}}.
FakeReply anthropicRefusal(const std::string& message, int status = 400,
                           const char* type = "invalid_request_error")
{
    return FakeReply::raw(
        status, toBytes({{"type", "error"}, {"error", {{"type", type}, {"message", message}}}}));
}

std::optional<FakeReply> openAiRefusalFor(Api api, const Json& body)
{
    // The texts are the ones the API answers with.
    if (!body.is_object())
        return openAiRefusal(
            "We could not parse the JSON body of your request. (HINT: This likely means you "
            "aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but "
            "what was sent was not valid JSON.)",
            nullptr, nullptr);
    const Json& model = body.contains("model") ? body["model"] : Json();
    if (!model.is_string() || model.get_ref<const std::string&>().empty())
        return openAiRefusal("you must provide a model parameter", "model", nullptr);
    if (api == Api::ChatCompletions) {
        if (!body.contains("messages"))
            return openAiRefusal("Missing required parameter: 'messages'.", "messages",
                                 "missing_required_parameter");
        if (!body["messages"].is_array())
            return openAiRefusal("Invalid type for 'messages': expected an array of objects.",
                                 "messages", "invalid_type");
    }
    return std::nullopt;
}

std::optional<FakeReply> anthropicRefusalFor(const RecordedRequest& request, const Json& body)
{
    // Every request carries a key (x-api-key, or a bearer token) and the API version it was
    // written for (https://docs.anthropic.com/en/api/versioning), whatever its body.
    if (request.header("x-api-key").isEmpty() && request.header("authorization").isEmpty())
        return anthropicRefusal("x-api-key header is required", 401, "authentication_error");
    if (request.header("anthropic-version").isEmpty())
        return anthropicRefusal("anthropic-version: header is required");
    if (!body.is_object())
        return anthropicRefusal("The request body is not valid JSON.");
    // model, max_tokens and messages are the required body parameters.
    for (const char* field : {"model", "max_tokens", "messages"})
        if (!body.contains(field))
            return anthropicRefusal(std::string(field) + ": Field required");
    if (!body["model"].is_string())
        return anthropicRefusal("model: Input should be a valid string");
    if (!body["max_tokens"].is_number_integer() || body["max_tokens"].get<long long>() < 1)
        return anthropicRefusal("max_tokens: Input should be a valid integer greater than 0");
    if (!body["messages"].is_array())
        return anthropicRefusal("messages: Input should be a valid list");
    return std::nullopt;
}

} // namespace

std::optional<FakeReply> refusalFor(const RecordedRequest& request, const Json& body)
{
    const Api api = apiOf(request);
    switch (api) {
    case Api::None:
        return std::nullopt;
    case Api::Messages:
        return anthropicRefusalFor(request, body);
    case Api::ChatCompletions:
    case Api::Responses:
        return openAiRefusalFor(api, body);
    }
    return std::nullopt;
}

} // namespace orch::test
