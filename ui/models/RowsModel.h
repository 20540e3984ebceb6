#pragma once
// A list model whose rows are maps from role name to value, filled by a subclass from the
// engine, with the `loading` and `error` states the views show. Subclasses get a session,
// reload when it is set, and keep themselves current from the engine's signals.

#include "Session.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class RowsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("A base class")
    Q_PROPERTY(orch::ui::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    RowsModel(QList<QByteArray> roles, QObject* parent);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }

    Session* session() const { return m_session; }
    void setSession(Session* session);
    bool loading() const { return m_loading; }
    QString error() const { return m_error; }

    Q_INVOKABLE QVariantMap get(int row) const;
    Q_INVOKABLE void reload();

signals:
    void sessionChanged();
    void loadingChanged();
    void errorChanged();
    void countChanged();

protected:
    // Fetch from session()->engine() and call setRows (or setError) when the answer arrives.
    virtual void fetch() = 0;
    // Called once per session: connect to the engine's signals here.
    virtual void connectEngine(EngineApi*) {}
    void setRows(QList<QVariantMap> rows);
    void setError(const QString& error);
    void updateRow(int row, const QVariantMap& values);
    void appendRow(const QVariantMap& row);
    const QList<QVariantMap>& rows() const { return m_rows; }

private:
    QList<QByteArray> m_roleNames;
    QList<QVariantMap> m_rows;
    QPointer<Session> m_session;
    bool m_loading = false;
    QString m_error;
};

} // namespace orch::ui
