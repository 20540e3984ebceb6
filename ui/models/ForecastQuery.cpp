#include "ForecastQuery.h"

namespace orch::ui {
namespace {

constexpr int kPauseMs = 500;

} // namespace

ForecastQuery::ForecastQuery(QObject* parent) : QObject(parent)
{
    m_pause.setSingleShot(true);
    m_pause.setInterval(kPauseMs);
    connect(&m_pause, &QTimer::timeout, this, &ForecastQuery::ask);
}

void ForecastQuery::setSession(Session* session)
{
    if (session == m_session)
        return;
    m_session = session;
    emit sessionChanged();
    m_pause.start();
}

void ForecastQuery::setDescription(const QString& description)
{
    if (description == m_description)
        return;
    m_description = description;
    emit descriptionChanged();
    m_pause.start();
}

void ForecastQuery::setProject(const QString& project)
{
    if (project == m_project)
        return;
    m_project = project;
    emit descriptionChanged();
    m_pause.start();
}

void ForecastQuery::refresh()
{
    m_pause.stop();
    ask();
}

QString ForecastQuery::money(double usd)
{
    return QStringLiteral("$%1").arg(QString::number(usd, 'f', usd < 1 ? 4 : 2));
}

QString ForecastQuery::budgetLeft() const
{
    return m_forecast.budgetLeft ? money(*m_forecast.budgetLeft) : QString();
}

void ForecastQuery::ask()
{
    const quint64 asked = ++m_asked;
    if (m_description.trimmed().isEmpty() || !m_session || !m_session->engine()) {
        m_forecast = {};
        m_text.clear();
        m_loading = false;
        emit answered();
        return;
    }
    m_loading = true;
    emit answered();
    m_session->engine()->forecast(
        {m_description, m_project},
        [self = QPointer<ForecastQuery>(this), asked](Result<RunForecast> forecast) {
            if (!self || asked != self->m_asked)
                return;
            self->m_loading = false;
            if (!forecast) {
                self->m_forecast = {};
                self->m_text = tr("No forecast: %1").arg(forecast.error());
            } else {
                const RunForecast& f = forecast.value();
                self->m_forecast = f;
                self->m_text =
                    !f.known()
                        ? tr("No forecast: %1").arg(f.basis)
                        : tr("Forecast: about %1 (%2–%3) and %4 min of work, from %5")
                              .arg(money(f.costMid), money(f.costLow), money(f.costHigh),
                                   QString::number(double(f.msMid) / 60000.0, 'f', 1), f.basis);
            }
            emit self->answered();
        });
}

} // namespace orch::ui
