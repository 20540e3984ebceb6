#pragma once
// Light or dark: "system" follows the platform's palette (and its changes), "light" and
// "dark" force one. The choice is remembered like the language; the QML Theme reads `dark`.

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class Appearance : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString mode READ mode WRITE setMode NOTIFY changed)
    Q_PROPERTY(bool dark READ dark NOTIFY changed)

public:
    explicit Appearance(QObject* parent = nullptr);

    QString mode() const { return m_mode; }
    // "system", "light" or "dark"; anything else means "system".
    void setMode(const QString& mode);
    bool dark() const { return m_dark; }

signals:
    void changed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void update();
    static bool systemIsDark();

    QString m_mode;
    bool m_dark = false;
};

} // namespace orch::ui
