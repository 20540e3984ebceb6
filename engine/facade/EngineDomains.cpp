// deployments.domain: a project reached at a name a person chose. A name in the zone is the
// orchestrator's to point; a domain the person owns is taken only once its records point at
// the project's server alone (else they are shown the record to create), so the ACME server
// can validate it. A deployed project is then redeployed there and its old name removed.
#include "core/Log.h"
#include "dns/DnsMessage.h"
#include "dns/DomainCheck.h"
#include "facade/DomainKeeper.h"
#include "facade/Engine.h"
#include "store/DnsRecords.h"
#include "store/ProjectDomains.h"
#include "store/RunStore.h"

#include <QDateTime>

namespace orch {
namespace {

QString normalDomain(QString domain)
{
    domain = domain.trimmed().toLower();
    if (domain.endsWith(QLatin1Char('.')))
        domain.chop(1);
    return domain;
}

} // namespace

bool Engine::isKeptZoneName(const QString& name) const
{
    const dns::ZoneSettings* zone = m_options.domains.zoneOf(name);
    return zone && zone->enabled();
}

void Engine::claimDomain(const api::DomainParams& params, Reply<DomainClaim> reply)
{
    // Some answers come at once: every one goes through the event loop.
    Reply<DomainClaim> done = [this, reply](Result<DomainClaim> answer) {
        deliver(reply, std::move(answer));
    };
    auto fail = [done](Error error) { done(std::move(error)); };
    auto project = findProject(params.project);
    if (!project)
        return fail(project.failure());
    auto settings = settingsOf(project->id);
    if (!settings)
        return fail(settings.failure());
    if (settings->internalTls())
        return fail(Error{QStringLiteral("projects here are served at *.localhost with a local "
                                         "certificate; a domain of their own needs a zone and "
                                         "an ACME server in the settings (domains, acme)"),
                          ErrorCode::Invalid});
    DomainClaim claim;
    claim.project = project->name;
    claim.domain = normalDomain(params.domain);
    if (claim.domain.isEmpty()) {
        if (auto back = ProjectDomains(m_store->database()).takeBack(project->id); !back)
            return fail(back.failure());
        claim.accepted = true;
        return moveToDomain(project.value(), claim, std::move(done));
    }
    if (!dns::isHostName(claim.domain) || !claim.domain.contains(QLatin1Char('.')) ||
        claim.domain.size() > 253)
        return fail(Error{QStringLiteral("'%1' is not a domain name").arg(params.domain.left(80)),
                          ErrorCode::Invalid});
    for (auto owner : {ProjectDomains(m_store->database()).ownerOf(claim.domain),
                       DnsRecords(m_store->database()).ownerOf(claim.domain)}) {
        if (!owner)
            return fail(owner.failure());
        if (!owner->isEmpty() && owner.value() != project->id) {
            auto other = m_store->project(owner.value());
            return fail(Error{QStringLiteral("%1 is the domain of %2 already")
                                  .arg(claim.domain, other ? other->name : owner.value()),
                              ErrorCode::Conflict});
        }
    }
    const QString host =
        settings->remote() ? settings->server->server().host : m_options.domains.address;
    if (host.isEmpty())
        return fail(Error{QStringLiteral("this machine's public address is not set "
                                         "(domains.address): %1 cannot be checked against it")
                              .arg(claim.domain),
                          ErrorCode::Invalid});
    auto take = [this, project = project.value(), done](DomainClaim claim) {
        claim.accepted = true;
        claim.record.clear();
        if (auto given = ProjectDomains(m_store->database()).give(project.id, claim.domain); !given)
            return done(given.failure());
        log::get("dns")->info("{} is reached at {} now", project.name, claim.domain);
        moveToDomain(project, claim, done);
    };
    // A name in the zone is the orchestrator's to point (at the redeploy below, or the deploy),
    // when that zone may point at where the project lives.
    if (m_domains && isKeptZoneName(claim.domain)) {
        const dns::ZoneSettings* zone = m_options.domains.zoneOf(claim.domain);
        const QString server = settings->remote() ? settings->server->server().name : QString();
        if (!zone->serves(server))
            return fail(Error{QStringLiteral("the zone %1 does not point at %2, where %3 lives")
                                  .arg(zone->zone,
                                       server.isEmpty() ? QStringLiteral("this machine") : server,
                                       project->name),
                              ErrorCode::Invalid});
        return take(claim);
    }
    dns::checkPointsAt(m_options.domains.lookupServer(), claim.domain, host, this,
                       [take, claim, done](Result<dns::PointingCheck> check) mutable {
                           if (!check)
                               return done(Error{QStringLiteral("%1 could not be looked up: %2")
                                                     .arg(claim.domain, check.error())});
                           claim.wanted = check->wanted;
                           claim.found = check->found;
                           if (check->points())
                               return take(claim);
                           claim.record = check->recordToCreate();
                           done(claim);
                       });
}

void Engine::moveToDomain(const ProjectRecord& project, DomainClaim claim, Reply<DomainClaim> done)
{
    auto idle = idleDeployment(project.id, QDateTime::currentMSecsSinceEpoch());
    if (!idle) {
        // Nothing deployed, or a run deploys it now: its next deploy goes there.
        if (idle.code() == ErrorCode::Conflict)
            log::get("dns")->info("{} moves to its domain at its next deploy", project.name);
        return done(claim);
    }
    const QString service = idle->second.service;
    auto redeploy = [this, project, claim, done] {
        deployAgain(project.id, false,
                    [this, project, claim, done](Result<DeploymentRecord> deployed) mutable {
                        if (!deployed)
                            return done(
                                Error{QStringLiteral("%1 is the domain of %2 now, but "
                                                     "its redeploy there failed: %3")
                                          .arg(claim.domain, project.name, deployed.error())});
                        claim.url = deployed->url;
                        if (!m_domains)
                            return done(claim);
                        // The zone's old name of it goes (kept: the one it is reached at now).
                        const QString now = QUrl(claim.url).host();
                        m_domains->unpoint(
                            project.id,
                            [claim, done](Result<void> removed) {
                                if (!removed)
                                    log::get("dns")->warn("an old name of {} stays until the next "
                                                          "start: {}",
                                                          claim.project, removed.error());
                                done(claim);
                            },
                            now);
                    });
    };
    auto settings = settingsOf(project.id);
    if (!settings)
        return done(settings.failure());
    const QString zoneName = service + QLatin1Char('.') + settings->domainSuffix;
    const QString target = claim.domain.isEmpty() ? zoneName : claim.domain;
    if (!m_domains || !isKeptZoneName(target))
        return redeploy();
    const QString host =
        settings->remote() ? settings->server->server().host : m_options.domains.address;
    m_domains->point(project.id, target, host, [redeploy, done, target](Result<void> pointed) {
        if (!pointed)
            return done(Error{QStringLiteral("the DNS record of %1 could not be set: %2")
                                  .arg(target, pointed.error())});
        redeploy();
    });
}

} // namespace orch
