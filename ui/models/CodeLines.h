#pragma once
// A file or a diff as rows for a line view: each line with its number (a diff's with the old
// and the new number) and its kind, so the view can colour additions and deletions and show
// the numbers in a gutter. Long texts are cut at kMaxLines with a last row that says so.

#include "CodeTokens.h"

#include <QString>
#include <QVariantList>

namespace orch::ui {

inline constexpr int kMaxCodeLines = 20000;

// {number, text, kind: "line"} per line of a file; with a known language also `tokens`, its
// pieces for syntax colouring (CodeTokens.h).
QVariantList numberedLines(const QString& text, int maxLines = kMaxCodeLines,
                           CodeLanguage language = CodeLanguage::None);
// {old, new, text, kind} per line of a unified diff (git's): kind "add" | "del" | "context" |
// "hunk" | "meta"; a number is 0 where the line has none on that side. Code lines of a file
// whose language is known also carry `tokens` (the +/-/space marker first).
QVariantList diffLines(const QString& diff, int maxLines = kMaxCodeLines);
// diffLines' rows side by side: {kind, left, right} where a removed run and the added run after
// it pair up line by line, context shows on both sides, and a header row ("meta", "hunk")
// spans both (left holds it, right is empty). left/right: a diff row, or {} for a gap.
QVariantList sideBySide(const QVariantList& unified);

} // namespace orch::ui
