// The editor tools as a model meets them: numbered views with ranges, exact replacements that
// explain a miss with the closest region, new files, inserted lines, a syntax check after
// each change, and listings that leave out what is not the project's own.

#include "JsonCompare.h"
#include "ToolHarness.h"
#include "tools/EditTools.h"
#include "tools/FileTools.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

namespace {

const char* kRoutes = "def health():\n"
                      "    return {'status': 'ok'}\n"
                      "\n"
                      "def time(city):\n"
                      "    if not city:\n"
                      "        return 400\n"
                      "    return 200\n";

bool has(const Json& output, const char* key, const char* part)
{
    return stringOr(output, key).find(part) != std::string::npos;
}

} // namespace

class TestEditTools : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<const SourceCheck> m_check = std::make_shared<SourceCheck>(CommandSettings());
    ViewFileTool m_view;
    EditFileTool m_edit{m_check};
    CreateFileTool m_create{m_check};
    InsertLinesTool m_insert{m_check};
    WriteFileTool m_write{m_check};
    ListFilesTool m_list;

    QString ws() const { return m_dir->path(); }
    void put(const QString& relative, const QByteArray& content)
    {
        QDir().mkpath(QFileInfo(m_dir->filePath(relative)).absolutePath());
        QFile file(m_dir->filePath(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QByteArray content(const QString& relative) const
    {
        QFile file(m_dir->filePath(relative));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        put("routes.py", kRoutes);
    }

    void viewNumbersLinesAndPagesThroughARange()
    {
        const ToolResult all = callTool(m_view, {{"path", "routes.py"}}, ws());
        QVERIFY(all.ok);
        QCOMPARE(all.output["total_lines"], Json(7));
        QVERIFY(has(all.output, "content", "4| def time(city):"));
        QVERIFY(!all.output.contains("more"));
        const ToolResult part =
            callTool(m_view, {{"path", "routes.py"}, {"start_line", 2}, {"end_line", 3}}, ws());
        QCOMPARE(part.output["content"], Json("2|     return {'status': 'ok'}\n3| \n"));
        QVERIFY(has(part.output, "more", "start_line=4"));
        const ToolResult past = callTool(m_view, {{"path", "routes.py"}, {"start_line", 99}}, ws());
        QVERIFY(!past.ok);
        QVERIFY(has(past.output, "error", "has 7 lines"));
    }

    void editReplacesTextThatOccursOnce()
    {
        const ToolResult edited = callTool(m_edit,
                                           {{"path", "routes.py"},
                                            {"old_text", "        return 400\n"},
                                            {"new_text", "        return 400  # no city\n"}},
                                           ws());
        QVERIFY2(edited.ok, errorOf(edited).c_str());
        QCOMPARE(edited.output["line"], Json(6));
        QVERIFY(has(edited.output, "now", "6|         return 400  # no city"));
        QVERIFY(content("routes.py").contains("return 400  # no city\n"));
        QVERIFY(!edited.output.contains("syntax_error"));
    }

    void aMissShowsTheClosestRegionWithLineNumbers()
    {
        // The model remembered the line without its indentation.
        const ToolResult wrongIndent = callTool(m_edit,
                                                {{"path", "routes.py"},
                                                 {"old_text", "if not city:\n    return 400"},
                                                 {"new_text", "x"}},
                                                ws());
        QVERIFY(!wrongIndent.ok);
        QVERIFY2(has(wrongIndent.output, "error", "Lines 5-6 match if indentation is ignored"),
                 errorOf(wrongIndent).c_str());
        QVERIFY(has(wrongIndent.output, "error", "5|     if not city:"));
        // A slightly different line: the closest region is shown.
        const ToolResult close = callTool(
            m_edit, {{"path", "routes.py"}, {"old_text", "def time(town):"}, {"new_text", "x"}},
            ws());
        QVERIFY(has(close.output, "error", "The closest region is lines 4-4"));
        QVERIFY(has(close.output, "error", "4| def time(city):"));
        const ToolResult nothing = callTool(
            m_edit, {{"path", "routes.py"}, {"old_text", "zzzz qqqq"}, {"new_text", "x"}}, ws());
        QVERIFY(has(nothing.output, "error", "Nothing in the file looks like it"));
        QCOMPARE(content("routes.py"), QByteArray(kRoutes)); // nothing changed
    }

    void severalMatchesSayWhere()
    {
        const ToolResult result = callTool(
            m_edit, {{"path", "routes.py"}, {"old_text", "return"}, {"new_text", "yield"}}, ws());
        QVERIFY(!result.ok);
        QVERIFY2(has(result.output, "error", "occurs 3 times in routes.py (at lines 2, 6, 7)"),
                 errorOf(result).c_str());
        const ToolResult empty =
            callTool(m_edit, {{"path", "routes.py"}, {"old_text", ""}, {"new_text", "x"}}, ws());
        QVERIFY(has(empty.output, "error", "insert_lines"));
    }

    void aBrokenEditIsSavedAndTheSyntaxErrorReturned()
    {
        const ToolResult broken = callTool(m_edit,
                                           {{"path", "routes.py"},
                                            {"old_text", "def time(city):"},
                                            {"new_text", "def time(city:"}},
                                           ws());
        QVERIFY(broken.ok);
        QVERIFY2(has(broken.output, "syntax_error", "routes.py:4"), broken.output.dump().c_str());
        const ToolResult json =
            callTool(m_write, {{"path", "c.json"}, {"content", "{\"a\": }"}}, ws());
        QVERIFY(has(json.output, "syntax_error", "not valid JSON"));
        const ToolResult text =
            callTool(m_write, {{"path", "notes.txt"}, {"content", "def ("}}, ws());
        QVERIFY(!text.output.contains("syntax_error")); // not source: not checked
    }

    void createRefusesAnExistingFile()
    {
        const ToolResult created =
            callTool(m_create, {{"path", "pkg/new.py"}, {"content", "X = 1\n"}}, ws());
        QVERIFY2(created.ok, errorOf(created).c_str());
        QCOMPARE(content("pkg/new.py"), QByteArray("X = 1\n"));
        const ToolResult again =
            callTool(m_create, {{"path", "routes.py"}, {"content", "gone"}}, ws());
        QVERIFY(!again.ok);
        QVERIFY(has(again.output, "error", "edit_file"));
        QCOMPARE(content("routes.py"), QByteArray(kRoutes));
        QVERIFY(!callTool(m_create, {{"path", "../escape.py"}, {"content", "x"}}, ws()).ok);
    }

    void insertGoesAfterTheNamedLine()
    {
        QVERIFY(callTool(m_insert,
                         {{"path", "routes.py"}, {"after_line", 0}, {"text", "import os"}}, ws())
                    .ok);
        const ToolResult end = callTool(
            m_insert, {{"path", "routes.py"}, {"after_line", 8}, {"text", "X = 1\nY = 2\n"}}, ws());
        QVERIFY2(end.ok, errorOf(end).c_str());
        QVERIFY(content("routes.py").startsWith("import os\ndef health():"));
        QVERIFY(content("routes.py").endsWith("    return 200\nX = 1\nY = 2\n"));
        const ToolResult past =
            callTool(m_insert, {{"path", "routes.py"}, {"after_line", 99}, {"text", "z"}}, ws());
        QVERIFY(has(past.output, "error", "between 0 and 10"));
    }

    void hugeAndMissingFilesAreRefusedClearly()
    {
        put("big.txt", QByteArray(2 * 1024 * 1024, 'x'));
        const ToolResult big =
            callTool(m_edit, {{"path", "big.txt"}, {"old_text", "x"}, {"new_text", "y"}}, ws());
        QVERIFY(has(big.output, "error", "too large to edit"));
        const ToolResult missing = callTool(m_view, {{"path", "nope.py"}}, ws());
        QVERIFY(has(missing.output, "error", "no such file"));
    }

    void listingsLeaveOutWhatIsNotTheProjects()
    {
        put(".venv/lib/site.py", "x");
        put("env2/pyvenv.cfg", "home = /usr");
        put("env2/lib/mod.py", "x");
        put("node_modules/left-pad/index.js", "x");
        put("build/out.o", "x");
        put("logs/today.log", "x");
        put("src/app.py", "x");
        put(".gitignore", "# generated\nbuild/\n*.log\n");
        QVERIFY(QFile::link(m_dir->filePath("src"), m_dir->filePath("loop")));
        const ToolResult listed = callTool(m_list, Json::object(), ws());
        QCOMPARE(listed.output["files"], Json::array({".gitignore", "routes.py", "src/app.py"}));
    }
};

QTEST_GUILESS_MAIN(TestEditTools)
#include "tst_edit_tools.moc"
