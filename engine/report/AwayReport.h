#pragma once
// "While you were away": the facts of a period (AwayFacts) in words a person reads in two
// minutes, in English or Russian; as Markdown (the report file, the desktop) or as plain chat
// text (Telegram), which differ only in how headings are marked.

#include "report/AwayFacts.h"

namespace orch {

struct AwayReport
{
    enum class Style
    {
        Markdown,
        Chat
    };
    static QString render(const AwayFacts& facts, const QString& language, Style style);
};

} // namespace orch
