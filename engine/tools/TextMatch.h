#pragma once
// Finding text in a file the way an editing model needs it: exact occurrences with their line
// numbers, and, when an edit's text is not there, the region that looks most like it, so the
// error can show the model what the file really says.

#include <QString>
#include <QStringList>
#include <vector>

namespace orch::textmatch {

struct Region
{
    int first = 0;    // 0-based index of the region's first line
    int count = 0;    // lines in the region
    double score = 0; // 0 (nothing alike) … 1 (the same lines, ignoring indentation)
};

// Offsets of the exact occurrences of `needle` (at most `limit`).
std::vector<qsizetype> occurrences(const QString& haystack, const QString& needle, int limit);
// The 1-based line of a character offset.
int lineAt(const QString& text, qsizetype offset);
// The region of `lines` most like `wanted`, as long as `wanted`.
Region closestRegion(const QStringList& lines, const QStringList& wanted);
// Lines [first, first + count) numbered as view_file shows them ("  12| text").
QString numbered(const QStringList& lines, int first, int count);
// How alike two lines are, ignoring the whitespace around them (Dice over character pairs).
double similarity(const QString& a, const QString& b);

} // namespace orch::textmatch
