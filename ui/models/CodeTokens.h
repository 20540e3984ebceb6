#pragma once
// Syntax colouring for the review's Files and Git panes: one line of code cut into pieces
// tagged keyword, string, comment or number, by the language its file's name says. Line by
// line on purpose (a view shows lines), so a string or comment spanning lines is coloured only
// on its first.

#include <QString>
#include <QVariantList>

namespace orch::ui {

enum class CodeLanguage
{
    None,
    Python,
    JavaScript, // and TypeScript
    Json,
    Yaml,
    Shell,
    Toml,
    Cpp,
};

CodeLanguage languageOf(const QString& path);
// [{t: text, k: kind}] covering the whole line in order; k: "" | "keyword" | "string" |
// "comment" | "number".
QVariantList tokensOf(const QString& line, CodeLanguage language);

} // namespace orch::ui
