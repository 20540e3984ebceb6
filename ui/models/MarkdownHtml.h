#pragma once
// Reports as documents: the Markdown the engine writes (headings, paragraphs, lists, GitHub
// tables, fenced code, inline code, emphasis, links) as the HTML subset Qt's rich text lays
// out well. Qt's own Markdown import lets wide tables and code run past the pane and leaves
// links dead; here tables take the pane's width and wrap in their cells, code wraps, and only
// http(s) and mailto links are made (anything else stays text). No HTML from the source
// passes through: every character of it is escaped, entities the report already wrote kept.

#include <QColor>
#include <QObject>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

struct MarkdownColors
{
    QColor text = Qt::black;
    QColor link = QColor(0x15, 0x65, 0xc0);
    QColor border = QColor(0xc9, 0xd1, 0xda);
    QColor codeBackground = QColor(0xee, 0xf1, 0xf5);
    QColor headerBackground = QColor(0xee, 0xf1, 0xf5);
};

QString markdownToHtml(const QString& markdown, const MarkdownColors& colors = {});

// The renderer for QML: Markdown.toHtml(text, {text, link, border, code, header}).
class Markdown : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit Markdown(QObject* parent = nullptr) : QObject(parent) {}
    Q_INVOKABLE QString toHtml(const QString& markdown, const QVariantMap& colors = {}) const;
};

} // namespace orch::ui
