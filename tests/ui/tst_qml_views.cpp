// QtQuickTest for the views' logic (tests in tests/ui/qml): the graph view highlights the
// active agent and colours states; the editor adds and removes edges, shows validation and
// undoes.

#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Orchestrator_UiPlugin)

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral("qrc:/")); }
};

QUICK_TEST_MAIN_WITH_SETUP(qml_views, Setup)
#include "tst_qml_views.moc"
