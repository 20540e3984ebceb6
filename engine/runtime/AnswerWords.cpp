#include "runtime/AnswerWords.h"

#include <QRegularExpression>

namespace orch::answers {
namespace {

// Lower case, without the punctuation and emoji around the words.
QString normalised(const QString& text)
{
    QString out = text.trimmed().toLower();
    static const QRegularExpression edges(QStringLiteral("^[^\\w]+|[^\\w]+$"),
                                          QRegularExpression::UseUnicodePropertiesOption);
    return out.remove(edges);
}

bool startsWithAny(const QString& answer, const QStringList& words)
{
    for (const QString& word : words) {
        if (answer == word)
            return true;
        if (answer.startsWith(word) && answer.size() > word.size() &&
            !answer.at(word.size()).isLetterOrNumber())
            return true;
    }
    return false;
}

const QStringList& yesWords()
{
    static const QStringList words = {
        QStringLiteral("yes"),       QStringLiteral("y"),           QStringLiteral("yep"),
        QStringLiteral("yeah"),      QStringLiteral("approve"),     QStringLiteral("approved"),
        QStringLiteral("ok"),        QStringLiteral("okay"),        QStringLiteral("sure"),
        QStringLiteral("go ahead"),  QStringLiteral("go"),          QStringLiteral("confirm"),
        QStringLiteral("confirmed"), QStringLiteral("agreed"),      QStringLiteral("lgtm"),
        QStringLiteral("да"),        QStringLiteral("ага"),         QStringLiteral("ок"),
        QStringLiteral("одобряю"),   QStringLiteral("подтверждаю"), QStringLiteral("согласен"),
        QStringLiteral("согласна"),  QStringLiteral("давай"),       QStringLiteral("разрешаю"),
        QStringLiteral("хорошо"),    QStringLiteral("конечно"),     QStringLiteral("можно"),
        QStringLiteral("одобрить"),  QStringLiteral("подтвердить")};
    return words;
}

const QStringList& noWords()
{
    static const QStringList words = {
        QStringLiteral("no"),        QStringLiteral("n"),        QStringLiteral("nope"),
        QStringLiteral("reject"),    QStringLiteral("rejected"), QStringLiteral("deny"),
        QStringLiteral("denied"),    QStringLiteral("don't"),    QStringLiteral("do not"),
        QStringLiteral("нет"),       QStringLiteral("не надо"),  QStringLiteral("отклоняю"),
        QStringLiteral("отклонить"), QStringLiteral("запрещаю"), QStringLiteral("отказ")};
    return words;
}

// Said as the whole answer: "stop the server first" is an instruction, not a stop.
const QStringList& stopWords()
{
    static const QStringList words = {
        QStringLiteral("stop"),       QStringLiteral("stop it"),   QStringLiteral("stop the run"),
        QStringLiteral("cancel"),     QStringLiteral("cancel it"), QStringLiteral("cancel the run"),
        QStringLiteral("abort"),      QStringLiteral("quit"),      QStringLiteral("стоп"),
        QStringLiteral("отмена"),     QStringLiteral("отменить"),  QStringLiteral("отмени"),
        QStringLiteral("остановить"), QStringLiteral("останови"),  QStringLiteral("остановись"),
        QStringLiteral("хватит")};
    return words;
}

} // namespace

Verdict yesOrNo(const QString& text)
{
    const QString answer = normalised(text);
    if (text.contains(QStringLiteral("👍")) || startsWithAny(answer, yesWords()))
        return Verdict::Yes;
    if (text.contains(QStringLiteral("👎")) || startsWithAny(answer, noWords()))
        return Verdict::No;
    return Verdict::Unclear;
}

QString chosenOption(const QString& text, const QStringList& options)
{
    const QString answer = normalised(text);
    for (const QString& option : options)
        if (answer == normalised(option))
            return option;
    bool isNumber = false;
    const int number = answer.toInt(&isNumber);
    if (isNumber && number >= 1 && number <= options.size())
        return options.at(number - 1);
    for (const QString& option : options) {
        const QString first = normalised(option).section(QLatin1Char(' '), 0, 0);
        if (!first.isEmpty() && answer == first)
            return option;
    }
    return {};
}

bool meansStop(const QString& text)
{
    return stopWords().contains(normalised(text));
}

} // namespace orch::answers
