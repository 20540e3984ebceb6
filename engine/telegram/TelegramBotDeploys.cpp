// /redeploy and /rollback: the release that runs installed and started again, or the one
// before it put back, each health-checked; /domain: the project reached at a domain of the
// person's; /repair: a repair run, or the project's repair policy. For projects the sender may
// see.
#include "telegram/BotTexts.h"
#include "telegram/EngineReplies.h"
#include "telegram/TelegramBot.h"

namespace orch {

void TelegramBot::deployAgain(const Sender& from, const QString& which, bool back)
{
    withView(from, [this, from, which, back](const EngineView& view) {
        auto run = runFor(view, from, which);
        if (!run)
            return reply(from, run.error());
        const QString name = view.projectName(run->projectId);
        reply(from, bot::text(from.language, back ? "rolling_back" : "redeploying", {name}));
        auto told = whenAnswered<DeploymentRecord>(
            this, back ? "/rollback" : "/redeploy",
            [this, from, name](Result<DeploymentRecord> deployment) {
                if (!deployment)
                    return reply(from, bot::text(from.language, "error", {deployment.error()}));
                reply(from, bot::text(from.language, "redeployed",
                                      {name, deployment->version.left(12), deployment->url}));
            });
        if (back)
            m_engine.rollback({run->projectId}, std::move(told));
        else
            m_engine.redeploy({run->projectId}, std::move(told));
    });
}

void TelegramBot::giveDomain(const Sender& from, const QString& argument)
{
    // The project's name may have spaces; the domain is one word, the last.
    const QString domain = argument.section(QLatin1Char(' '), -1);
    const QString which = argument.section(QLatin1Char(' '), 0, -2).trimmed();
    if (which.isEmpty() || (domain != QLatin1String("-") && !domain.contains(QLatin1Char('.'))))
        return reply(from, bot::text(from.language, "need_domain"));
    withView(from, [this, from, which, domain](const EngineView& view) {
        auto run = runFor(view, from, which);
        if (!run)
            return reply(from, run.error());
        const QString name = view.projectName(run->projectId);
        const QString wanted = domain == QLatin1String("-") ? QString() : domain;
        if (!wanted.isEmpty())
            reply(from, bot::text(from.language, "checking_domain", {wanted.left(253)}));
        m_engine.claimDomain(
            {run->projectId, wanted},
            whenAnswered<DomainClaim>(this, "/domain", [this, from, name](Result<DomainClaim> c) {
                if (!c)
                    return reply(from, bot::text(from.language, "error", {c.error()}));
                if (!c->accepted)
                    return reply(
                        from, bot::text(from.language, "domain_not_pointing",
                                        {c->domain, name,
                                         c->found.isEmpty() ? bot::text(from.language, "nothing")
                                                            : c->found.join(QStringLiteral(", ")),
                                         c->record}));
                if (c->url.isEmpty())
                    return reply(from, c->domain.isEmpty()
                                           ? bot::text(from.language, "domain_back", {name})
                                           : bot::text(from.language, "domain_next_deploy",
                                                       {name, c->domain}));
                reply(from, bot::text(from.language, "domain_taken", {name, c->url}));
            }));
    });
}

void TelegramBot::repairProject(const Sender& from, const QString& argument)
{
    // The project's name may have spaces; a policy and an amount come last.
    QStringList words = argument.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    double budget = -1;
    QString policy;
    bool number = false;
    if (!words.isEmpty())
        if (const double amount = words.last().toDouble(&number); number && amount >= 0) {
            budget = amount;
            words.removeLast();
        }
    if (!words.isEmpty() && RepairPolicy::valid(words.last().toLower()))
        policy = words.takeLast().toLower();
    const QString which = words.join(QLatin1Char(' '));
    withView(from, [this, from, which, policy, budget](const EngineView& view) {
        auto run = runFor(view, from, which);
        if (!run)
            return reply(from, run.error());
        const QString name = view.projectName(run->projectId);
        if (policy.isEmpty() && budget < 0)
            return m_engine.repairNow(
                {run->projectId},
                whenAnswered<QString>(this, "/repair", [this, from, name](Result<QString> started) {
                    if (!started)
                        return reply(from, bot::text(from.language, "error", {started.error()}));
                    reply(from,
                          bot::text(from.language, "repair_started", {name, started->left(8)}));
                }));
        m_engine.repairPolicy(
            {run->projectId, policy, budget},
            whenAnswered<RepairStanding>(
                this, "/repair", [this, from, name](Result<RepairStanding> standing) {
                    if (!standing)
                        return reply(from, bot::text(from.language, "error", {standing.error()}));
                    reply(from,
                          bot::text(from.language, "repair_standing",
                                    {name, standing->policy,
                                     bot::money(from.language, standing->spentThisMonth, 0, 2),
                                     bot::money(from.language, standing->monthlyBudget, 0, 2),
                                     QString::number(standing->runsThisMonth)}));
                }));
    });
}

} // namespace orch
