#pragma once
// The service the repair tests break: it keeps its settings in DATA_DIR, and a settings file
// that does not parse fails its health check whatever release runs, so neither a restart nor
// a rollback brings it back; only a change to its code does. `recovers`: that change (the
// defaults written again over a broken file; a file it cannot read at all still fails).

#include "ScriptedModel.h"
#include "ServerProject.h"

#include <QFile>

namespace orch::test {

inline QByteArray settingsService(bool recovers)
{
    const QByteArray onBroken = recovers ? "        write_defaults(path)\n"
                                           "        return 'ok'\n"
                                           "    except OSError as error:\n"
                                           "        return 'settings.json: ' + error.strerror\n"
                                         : "        print('settings.json: not valid JSON', "
                                           "flush=True)\n"
                                           "        return 'settings.json is not valid JSON'\n";
    return httpService("settings_status()", "'greeting': 'hello'",
                       "def write_defaults(path):\n"
                       "    with open(path, 'w') as f:\n"
                       "        f.write('{\"greeting\": \"hello\"}')\n"
                       "\n"
                       "def settings_status():\n"
                       "    path = os.path.join(os.environ['DATA_DIR'], 'settings.json')\n"
                       "    if not os.path.exists(path):\n"
                       "        write_defaults(path)\n"
                       "    try:\n"
                       "        with open(path) as f:\n"
                       "            json.load(f)\n"
                       "        return 'ok'\n"
                       "    except ValueError:\n" +
                           onBroken);
}

inline const char* kSettingsContract =
    "{\"kind\": \"http-service\", \"entry\": [\"python3\", \"app.py\"]}";

// Half a JSON document where the service's settings are: true when it was written.
inline bool breakSettings(const QString& deployRoot, const QString& service)
{
    QFile settings(deployRoot + "/" + service + "/data/settings.json");
    return settings.exists() && settings.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           settings.write("{\"greeting\": ") > 0;
}

// What the Developer does in one reply: the service (or its fix), a test, committed with the
// tests passing (the gate to DevOps asks for both), handed to DevOps.
inline std::vector<ToolCall> developerCalls(bool repair)
{
    const char* test = "import json, unittest\n\n"
                       "class Defaults(unittest.TestCase):\n"
                       "    def test_defaults_parse(self):\n"
                       "        self.assertEqual(json.loads('{\"greeting\": \"hello\"}'), "
                       "{'greeting': 'hello'})\n";
    return {toolCall("write_file",
                     {{"path", "app.py"}, {"content", settingsService(repair).toStdString()}}, "w"),
            toolCall("write_file", {{"path", "deploy.json"}, {"content", kSettingsContract}}, "j"),
            toolCall("write_file", {{"path", "test_defaults.py"}, {"content", test}}, "t"),
            toolCall("write_file",
                     {{"path", "Makefile"}, {"content", "test:\n\tpython3 -m unittest -v\n"}}, "m"),
            toolCall("run_tests", Json::object(), "r"),
            toolCall("git_commit",
                     {{"message", repair ? "defaults when settings.json breaks" : "settings"}},
                     "c"),
            handoffCall("devops")};
}

} // namespace orch::test
