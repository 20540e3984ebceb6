#pragma once
// Reads what a person meant by a typed answer: people write "yes", "ok 👍", "Да, давай" or
// "no thanks" rather than the exact word of a button, in English or Russian.

#include <QString>
#include <QStringList>

namespace orch::answers {

enum class Verdict
{
    Yes,
    No,
    Unclear
};

// Whether the answer agrees or refuses; decided by its first words.
Verdict yesOrNo(const QString& text);
// The option the answer names: the option itself (any case), its number ("2"), or the
// option's first word; empty when it names none.
QString chosenOption(const QString& text, const QStringList& options);
// Whether the whole answer asks to stop the run ("stop", "cancel it", "стоп", "отмена", …).
bool meansStop(const QString& text);

} // namespace orch::answers
