#include "CodeTokens.h"

#include <QFileInfo>
#include <QSet>

namespace orch::ui {
namespace {

const QSet<QString>& keywords(CodeLanguage language)
{
    static const QSet<QString> python{
        "and",  "as",     "assert", "async",  "await",  "break",   "class",    "continue", "def",
        "del",  "elif",   "else",   "except", "False",  "finally", "for",      "from",     "global",
        "if",   "import", "in",     "is",     "lambda", "None",    "nonlocal", "not",      "or",
        "pass", "raise",  "return", "True",   "try",    "while",   "with",     "yield",    "self"};
    static const QSet<QString> javascript{
        "async",     "await",   "break",    "case", "catch",  "class",   "const",
        "continue",  "default", "delete",   "else", "export", "extends", "false",
        "finally",   "for",     "function", "if",   "import", "in",      "instanceof",
        "interface", "let",     "new",      "null", "of",     "return",  "switch",
        "this",      "throw",   "true",     "try",  "type",   "typeof",  "undefined",
        "var",       "void",    "while",    "yield"};
    static const QSet<QString> json{"true", "false", "null"};
    static const QSet<QString> shell{"if", "then",   "else",  "elif",   "fi",   "for",
                                     "do", "done",   "while", "case",   "esac", "function",
                                     "in", "export", "local", "return", "set",  "exit"};
    static const QSet<QString> cpp{
        "auto",     "bool",     "break",     "case",   "class",     "const",  "constexpr",
        "continue", "default",  "delete",    "double", "else",      "enum",   "false",
        "for",      "if",       "inline",    "int",    "namespace", "new",    "nullptr",
        "override", "private",  "protected", "public", "return",    "static", "struct",
        "switch",   "template", "this",      "true",   "typename",  "using",  "virtual",
        "void",     "while"};
    static const QSet<QString> none;
    switch (language) {
    case CodeLanguage::Python:
        return python;
    case CodeLanguage::JavaScript:
        return javascript;
    case CodeLanguage::Json:
    case CodeLanguage::Yaml:
    case CodeLanguage::Toml:
        return json;
    case CodeLanguage::Shell:
        return shell;
    case CodeLanguage::Cpp:
        return cpp;
    case CodeLanguage::None:
        break;
    }
    return none;
}

// Where a comment starts in this language at `i`, if one does.
bool commentAt(const QString& line, qsizetype i, CodeLanguage language)
{
    switch (language) {
    case CodeLanguage::Python:
    case CodeLanguage::Yaml:
    case CodeLanguage::Shell:
    case CodeLanguage::Toml:
        return line.at(i) == QLatin1Char('#');
    case CodeLanguage::JavaScript:
    case CodeLanguage::Cpp:
        return line.mid(i, 2) == QLatin1String("//") || line.mid(i, 2) == QLatin1String("/*");
    case CodeLanguage::Json:
    case CodeLanguage::None:
        break;
    }
    return false;
}

} // namespace

CodeLanguage languageOf(const QString& path)
{
    const QFileInfo file(path);
    const QString suffix = file.suffix().toLower();
    if (suffix == QLatin1String("py"))
        return CodeLanguage::Python;
    if (QStringList{"js", "mjs", "cjs", "ts", "tsx", "jsx"}.contains(suffix))
        return CodeLanguage::JavaScript;
    if (suffix == QLatin1String("json"))
        return CodeLanguage::Json;
    if (suffix == QLatin1String("yml") || suffix == QLatin1String("yaml"))
        return CodeLanguage::Yaml;
    if (suffix == QLatin1String("sh") || suffix == QLatin1String("bash"))
        return CodeLanguage::Shell;
    if (suffix == QLatin1String("toml") || suffix == QLatin1String("cfg") ||
        suffix == QLatin1String("ini"))
        return CodeLanguage::Toml;
    if (QStringList{"c", "cc", "cpp", "h", "hpp"}.contains(suffix))
        return CodeLanguage::Cpp;
    if (file.fileName() == QLatin1String("Makefile") ||
        file.fileName() == QLatin1String("Dockerfile"))
        return CodeLanguage::Shell;
    return CodeLanguage::None;
}

QVariantList tokensOf(const QString& line, CodeLanguage language)
{
    QVariantList pieces;
    QString plain;
    auto push = [&](const QString& text, const char* kind) {
        if (!plain.isEmpty()) {
            pieces.append(QVariantMap{{"t", plain}, {"k", QString()}});
            plain.clear();
        }
        pieces.append(QVariantMap{{"t", text}, {"k", QString::fromLatin1(kind)}});
    };
    const QSet<QString>& words = keywords(language);
    for (qsizetype i = 0; i < line.size();) {
        const QChar c = line.at(i);
        if (language != CodeLanguage::None && commentAt(line, i, language)) {
            push(line.mid(i), "comment");
            i = line.size();
        } else if (language != CodeLanguage::None &&
                   (c == QLatin1Char('"') || c == QLatin1Char('\'') ||
                    (c == QLatin1Char('`') && language == CodeLanguage::JavaScript))) {
            qsizetype end = i + 1;
            while (end < line.size() && line.at(end) != c)
                end += line.at(end) == QLatin1Char('\\') ? 2 : 1;
            end = std::min(end + 1, line.size());
            push(line.mid(i, end - i), "string");
            i = end;
        } else if (c.isDigit() && (i == 0 || !line.at(i - 1).isLetterOrNumber()) &&
                   language != CodeLanguage::None) {
            qsizetype end = i;
            while (end < line.size() &&
                   (line.at(end).isLetterOrNumber() || line.at(end) == QLatin1Char('.')))
                ++end;
            push(line.mid(i, end - i), "number");
            i = end;
        } else if (c.isLetter() || c == QLatin1Char('_')) {
            qsizetype end = i;
            while (end < line.size() &&
                   (line.at(end).isLetterOrNumber() || line.at(end) == QLatin1Char('_')))
                ++end;
            const QString word = line.mid(i, end - i);
            if (words.contains(word))
                push(word, "keyword");
            else
                plain += word;
            i = end;
        } else {
            plain += c;
            ++i;
        }
    }
    if (!plain.isEmpty())
        pieces.append(QVariantMap{{"t", plain}, {"k", QString()}});
    return pieces;
}

} // namespace orch::ui
