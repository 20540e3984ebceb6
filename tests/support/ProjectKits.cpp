// What the realistic model writes for each kind of project: a shopping list over HTTP (query
// parameters, a JSON body, 400s for bad input), a Telegram bot that adds numbers, and a worker
// that logs each round. Each first version has one bug its own tests catch.
#include "RealisticModel.h"

namespace orch::test {
namespace {

Json check(const char* tool, Json arguments)
{
    return {{"tool", tool}, {"arguments", std::move(arguments)}};
}

// A template's deploy.json as the model writes it out again.
std::string kDeployJson(const char* kind, const char* entry, const char* health,
                        const char* secrets = "")
{
    return std::string("{\n  \"kind\": \"") + kind + "\",\n  \"entry\": [\"python3\", \"" + entry +
           "\"],\n  " + health + ",\n  \"dependencies\": \"requirements.txt\",\n  \"secrets\": [" +
           secrets + "]\n}\n";
}

} // namespace

ProjectKit httpServiceKit()
{
    ProjectKit kit;
    kit.description = "a shopping list service: add items with a quantity, list those with at "
                      "least a given quantity";
    kit.spec = {{"title", "Shopping List"},
                {"summary", "An HTTP service keeping a shopping list in memory."},
                {"requirements",
                 {"POST /items with {name, qty} adds an item and answers 201 with it",
                  "GET /items?min_qty=N lists the items with at least N of them",
                  "A missing name or a min_qty that is not a whole number answers 400"}},
                {"acceptance",
                 {"GET /health answers 200 with status ok",
                  "POST /items {\"name\": \"tea\", \"qty\": 2} answers 201 with the item",
                  "POST /items without a name answers 400", "GET /items?min_qty=2 lists tea",
                  "GET /items?min_qty=abc answers 400"}}};
    kit.templateName = "python-http-service";
    kit.files["routes.py"] =
        "\"\"\"Shopping list: GET /items?min_qty=N and POST /items.\"\"\"\n\n"
        "ITEMS = []\n\n\n"
        "def list_items(query):\n"
        "    try:\n"
        "        min_qty = int(query.get(\"min_qty\", \"0\"))\n"
        "    except ValueError:\n"
        "        return 400, {\"error\": \"min_qty must be a whole number\"}\n"
        "    return 200, {\"items\": [item for item in ITEMS if item[\"qty\"] >= min_qty]}\n\n\n"
        "def add_item(request):\n"
        "    body = request[\"json\"]\n"
        "    name = body.get(\"name\") if isinstance(body, dict) else None\n"
        "    if not isinstance(name, str) or not name.strip():\n"
        "        return 400, {\"error\": \"name is required\"}\n"
        "    qty = body.get(\"qty\", 1)\n"
        "    if not isinstance(qty, int) or isinstance(qty, bool) or qty < 1:\n"
        "        return 400, {\"error\": \"qty must be a positive whole number\"}\n"
        "    item = {\"id\": len(ITEMS) + 1, \"name\": name.strip(), \"qty\": qty}\n"
        "    ITEMS.append(item)\n"
        "    return 201, item\n\n\n"
        "ROUTES = {\"/items\": list_items, (\"POST\", \"/items\"): add_item}\n";
    kit.files["test_routes.py"] =
        "import unittest\n\nimport app\nimport routes\n\n\n"
        "class ItemsTest(unittest.TestCase):\n"
        "    def setUp(self):\n"
        "        routes.ITEMS.clear()\n\n"
        "    def test_an_item_is_added_and_listed(self):\n"
        "        status, item = app.dispatch(\"POST\", \"/items\", {\"name\": \"tea\", \"qty\": "
        "2})\n"
        "        self.assertEqual((status, item[\"name\"], item[\"qty\"]), (201, \"tea\", 2))\n"
        "        status, body = app.dispatch(\"GET\", \"/items?min_qty=2\")\n"
        "        self.assertEqual([i[\"name\"] for i in body[\"items\"]], [\"tea\"])\n\n"
        "    def test_a_name_is_required(self):\n"
        "        self.assertEqual(app.dispatch(\"POST\", \"/items\", {\"qty\": 1})[0], 400)\n\n"
        "    def test_min_qty_must_be_a_number(self):\n"
        "        self.assertEqual(app.dispatch(\"GET\", \"/items?min_qty=abc\")[0], 400)\n";
    kit.bug = {"routes.py", "item[\"qty\"] >= min_qty", "item[\"qty\"] > min_qty"};
    kit.files["deploy.json"] = kDeployJson("http-service", "app.py",
                                           "\"health\": {\"path\": \"/health\", \"fields\": "
                                           "[\"status\", \"version\"]}");
    kit.deployBug = {"deploy.json", "\"app.py\"", "\"server.py\""};
    kit.checks = {check("check_http", {{"id", "health"},
                                       {"criterion", 1},
                                       {"path", "/health"},
                                       {"expect_json", {{"status", "ok"}}}}),
                  check("check_http", {{"id", "add-tea"},
                                       {"criterion", 2},
                                       {"method", "POST"},
                                       {"path", "/items"},
                                       {"body", {{"name", "tea"}, {"qty", 2}}},
                                       {"expect_status", 201},
                                       {"expect_json", {{"name", "tea"}, {"qty", 2}}}}),
                  check("check_http", {{"id", "name-required"},
                                       {"criterion", 3},
                                       {"method", "POST"},
                                       {"path", "/items"},
                                       {"body", {{"qty", 1}}},
                                       {"expect_status", 400}}),
                  check("check_http", {{"id", "min-qty"},
                                       {"criterion", 4},
                                       {"path", "/items?min_qty=2"},
                                       {"expect_json", {{"items.0.name", "tea"}}}}),
                  check("check_http", {{"id", "min-qty-not-a-number"},
                                       {"criterion", 5},
                                       {"path", "/items?min_qty=abc"},
                                       {"expect_status", 400}})};
    kit.wrongCheck = check("check_http", {{"id", "health"},
                                          {"criterion", 1},
                                          {"path", "/health"},
                                          {"expect_json", {{"status", "OK"}}}});
    return kit;
}

ProjectKit telegramBotKit(const std::string& tokenHandle)
{
    ProjectKit kit;
    kit.description = "a Telegram bot that adds the numbers you send it";
    kit.spec = {{"title", "Adder Bot"},
                {"summary", "A Telegram bot: /add 2 3 answers the sum."},
                {"requirements", {"/start greets and explains /add", "/add A B … answers the sum"}},
                {"acceptance", {"/start answers a greeting", "/add 2 3 answers Sum: 5"}}};
    kit.templateName = "python-telegram-bot";
    kit.files["handlers.py"] = "\"\"\"What the bot answers: reply(text) -> text.\"\"\"\n\n\n"
                               "def reply(text):\n"
                               "    if text.startswith(\"/start\"):\n"
                               "        return \"Hello! I add numbers: /add 2 3\"\n"
                               "    if text.startswith(\"/add\"):\n"
                               "        try:\n"
                               "            numbers = [int(part) for part in text.split()[1:]]\n"
                               "        except ValueError:\n"
                               "            numbers = []\n"
                               "        if not numbers:\n"
                               "            return \"Send whole numbers, like /add 2 3\"\n"
                               "        return \"Sum: %d\" % sum(numbers)\n"
                               "    return text\n";
    kit.files["test_adder.py"] =
        "import unittest\n\nimport handlers\n\n\n"
        "class AddTest(unittest.TestCase):\n"
        "    def test_adds_the_numbers(self):\n"
        "        self.assertEqual(handlers.reply(\"/add 2 3\"), \"Sum: 5\")\n\n"
        "    def test_refuses_words(self):\n"
        "        self.assertIn(\"whole numbers\", handlers.reply(\"/add two\"))\n";
    kit.bug = {"handlers.py", "sum(numbers)", "sum(numbers[1:])"};
    kit.files["deploy.json"] =
        kDeployJson("telegram-bot", "bot.py",
                    "\"health\": {\"message\": \"/start\", \"alive_seconds\": 3}", "\"BOT_TOKEN\"");
    kit.deployBug = {"deploy.json", "\"bot.py\"", "\"bot_main.py\""};
    kit.checks = {check("check_bot", {{"id", "start"},
                                      {"criterion", 1},
                                      {"handle", tokenHandle},
                                      {"send", "/start"},
                                      {"expect_text", "Hello"}}),
                  check("check_bot", {{"id", "add"},
                                      {"criterion", 2},
                                      {"handle", tokenHandle},
                                      {"send", "/add 2 3"},
                                      {"expect_text", "Sum: 5"}})};
    kit.wrongCheck = check("check_bot", {{"id", "start"},
                                         {"criterion", 1},
                                         {"handle", tokenHandle},
                                         {"send", "/start"},
                                         {"expect_text", "Welcome"}});
    kit.zavhozCalls = {{{"name", "attach_secret"},
                        {"arguments", {{"env", "BOT_TOKEN"}, {"handle", tokenHandle}}}}};
    return kit;
}

ProjectKit workerKit()
{
    ProjectKit kit;
    kit.description = "a worker that counts the files waiting in its inbox every minute";
    kit.spec = {
        {"title", "Inbox Counter"},
        {"summary", "A background worker logging how many files wait in its inbox."},
        {"requirements", {"each round logs its number and the files waiting"}},
        {"acceptance", {"the log shows round 1", "the log says how many files are waiting"}}};
    kit.templateName = "python-worker";
    kit.files["jobs.py"] =
        "\"\"\"Each round: count the files waiting in DATA_DIR/inbox.\"\"\"\n"
        "import os\n\nROUNDS = {\"done\": 0}\n\n\n"
        "def pending(folder):\n"
        "    if not os.path.isdir(folder):\n"
        "        return 0\n"
        "    return len([name for name in os.listdir(folder) if not name.startswith(\".\")])\n\n\n"
        "def work():\n"
        "    ROUNDS[\"done\"] += 1\n"
        "    folder = os.path.join(os.environ.get(\"DATA_DIR\", \"/tmp\"), \"inbox\")\n"
        "    print(\"round %d: %d files waiting\" % (ROUNDS[\"done\"], pending(folder)), "
        "flush=True)\n";
    kit.files["test_rounds.py"] =
        "import os\nimport tempfile\nimport unittest\n\nimport jobs\n\n\n"
        "class RoundsTest(unittest.TestCase):\n"
        "    def test_counts_its_rounds(self):\n"
        "        jobs.ROUNDS[\"done\"] = 0\n"
        "        jobs.work()\n"
        "        jobs.work()\n"
        "        self.assertEqual(jobs.ROUNDS[\"done\"], 2)\n\n"
        "    def test_counts_waiting_files(self):\n"
        "        with tempfile.TemporaryDirectory() as folder:\n"
        "            open(os.path.join(folder, \"a.txt\"), \"w\").close()\n"
        "            self.assertEqual(jobs.pending(folder), 1)\n";
    kit.bug = {"jobs.py", "ROUNDS[\"done\"] += 1", "ROUNDS[\"done\"] += 2"};
    kit.files["deploy.json"] =
        kDeployJson("worker", "worker.py", "\"health\": {\"alive_seconds\": 3}");
    kit.deployBug = {"deploy.json", "\"worker.py\"", "\"wroker.py\""};
    kit.checks = {
        check("check_log", {{"id", "round-1"}, {"criterion", 1}, {"expect_text", "round 1:"}}),
        check("check_log",
              {{"id", "files-waiting"}, {"criterion", 2}, {"expect_text", "files waiting"}})};
    kit.wrongCheck =
        check("check_log", {{"id", "round-1"}, {"criterion", 1}, {"expect_text", "round 0:"}});
    return kit;
}

} // namespace orch::test
