#include "tools/TextMatch.h"

#include <algorithm>

namespace orch::textmatch {
namespace {

constexpr int kLinesCompared = 12; // enough to place a region; keeps a search linear in the file

std::vector<quint32> bigrams(const QString& text)
{
    std::vector<quint32> pairs;
    pairs.reserve(size_t(std::max<qsizetype>(0, text.size() - 1)));
    for (qsizetype i = 0; i + 1 < text.size(); ++i)
        pairs.push_back(quint32(text.at(i).unicode()) << 16 | text.at(i + 1).unicode());
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

} // namespace

std::vector<qsizetype> occurrences(const QString& haystack, const QString& needle, int limit)
{
    std::vector<qsizetype> found;
    if (needle.isEmpty())
        return found;
    for (qsizetype at = haystack.indexOf(needle); at >= 0 && int(found.size()) < limit;
         at = haystack.indexOf(needle, at + 1))
        found.push_back(at);
    return found;
}

int lineAt(const QString& text, qsizetype offset)
{
    return int(QStringView(text).left(offset).count(QLatin1Char('\n'))) + 1;
}

double similarity(const QString& a, const QString& b)
{
    const QString left = a.trimmed();
    const QString right = b.trimmed();
    if (left == right)
        return 1.0;
    if (left.size() < 2 || right.size() < 2)
        return 0.0;
    const auto x = bigrams(left);
    const auto y = bigrams(right);
    size_t common = 0;
    for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
        if (x[i] == y[j]) {
            ++common, ++i, ++j;
        } else if (x[i] < y[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    return 2.0 * double(common) / double(x.size() + y.size());
}

Region closestRegion(const QStringList& lines, const QStringList& wanted)
{
    Region best;
    best.count = int(std::min(lines.size(), wanted.size()));
    if (lines.isEmpty() || wanted.isEmpty())
        return best;
    const int compared = int(std::min<qsizetype>(wanted.size(), kLinesCompared));
    for (int first = 0; first + best.count <= lines.size(); ++first) {
        double total = 0;
        for (int i = 0; i < compared && first + i < lines.size(); ++i)
            total += similarity(lines.at(first + i), wanted.at(i));
        const double score = total / compared;
        if (score > best.score) {
            best.first = first;
            best.score = score;
        }
    }
    return best;
}

QString numbered(const QStringList& lines, int first, int count)
{
    QString out;
    const int last = int(std::min<qsizetype>(lines.size(), qsizetype(first) + count));
    const int width = int(QString::number(last).size());
    for (int i = std::max(0, first); i < last; ++i)
        out += QStringLiteral("%1| %2\n").arg(i + 1, width).arg(lines.at(i));
    return out;
}

} // namespace orch::textmatch
