#pragma once
// What the bot says, in English and Russian. The language follows the person's Telegram
// language (language_code "ru…" → Russian, anything else → English).

#include "api/MoneyTypes.h"

#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace orch::bot {

QString languageOf(const QString& telegramLanguageCode);
// The text for `key` in `language`, with %1… filled from `args`. Unknown keys return the key,
// so a missing text shows up in tests instead of an empty message.
QString text(const QString& language, const char* key, const QStringList& args = {});
// An amount of which `simulated` is the offline demo model's simulated money, labelled so.
QString money(const QString& language, double amount, double simulated, int decimals);
// What a run will likely cost and take, or that there is no history to tell; with the budget
// left when the forecast is more than it.
QString forecastLine(const QString& language, const RunForecast& forecast);
// (command, description) for setMyCommands.
std::vector<std::pair<QString, QString>> commands(const QString& language);

} // namespace orch::bot
