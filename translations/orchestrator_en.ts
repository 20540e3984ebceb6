<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgentEditor</name>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="19"/>
        <source>Saved as version %1. Running runs keep theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="27"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="28"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="29"/>
        <source>Add agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="30"/>
        <source>Remove agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="31"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="32"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="33"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/AgentEditor.qml" line="38"/>
        <source>%n problem(s) to fix</source>
        <translation>
            <numerusform>%n problem to fix</numerusform>
            <numerusform>%n problems to fix</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="44"/>
        <location filename="../ui/qml/AgentEditor.qml" line="45"/>
        <source>Graph files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="135"/>
        <source>Edges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="158"/>
        <source>Condition, e.g. tests.passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="163"/>
        <source>Delete edge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentFields</name>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="19"/>
        <source>Agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="23"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="28"/>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="39"/>
        <source>Model profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="48"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="57"/>
        <source>Max turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="59"/>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="62"/>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="78"/>
        <source>Hands off to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BalancesView</name>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="19"/>
        <source>Spent: $%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="21"/>
        <source>Budget: $%1, left $%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="22"/>
        <source>Budget: not limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/BalancesView.qml" line="24"/>
        <source>%n call(s) of unknown price</source>
        <translation>
            <numerusform>%n call of unknown price</numerusform>
            <numerusform>%n calls of unknown price</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="29"/>
        <source>Database: %1 MB (%2 MB free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="34"/>
        <source>Top up (USD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="46"/>
        <source>By day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="47"/>
        <source>By agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="48"/>
        <source>By model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="49"/>
        <source>By project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="87"/>
        <source>Nothing spent yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../ui/qml/ConnectionBanner.qml" line="18"/>
        <source>Not connected to %1 — retrying. %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="34"/>
        <source>Run %1 — active: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="35"/>
        <source>Graph version %1 (new runs use it)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="31"/>
        <source>Nothing waits for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="56"/>
        <source>approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="56"/>
        <source>secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="56"/>
        <source>question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="57"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="80"/>
        <source>The secret (kept in the vault, never shown to agents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="80"/>
        <source>Your answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="86"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../ui/qml/Main.qml" line="18"/>
        <source>Codegen Orchestrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="38"/>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="38"/>
        <source>Project review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="38"/>
        <source>Graph (live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="38"/>
        <source>Agent editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="39"/>
        <source>Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="39"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="39"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="39"/>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="40"/>
        <source>Inbox (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="40"/>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectReview</name>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="23"/>
        <source>Release %1 runs and passed its health check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="35"/>
        <source>Choose a project to review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="40"/>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="41"/>
        <source>Cost: $%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="42"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="43"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="53"/>
        <source>Question: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="66"/>
        <source>Your answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="66"/>
        <source>The secret (kept in the vault, never shown to agents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="69"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="83"/>
        <source>Ask for a change to this project, e.g. &quot;add a /weather route&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="87"/>
        <source>Ask for a change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="93"/>
        <source>Redeploy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="95"/>
        <source>Install and start the running release again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="100"/>
        <source>Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="102"/>
        <source>Put the release before it back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="136"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="137"/>
        <source>%1/%2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="138"/>
        <source>cost unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="140"/>
        <source>Fork from here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="142"/>
        <source>Tools: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="153"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="154"/>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="155"/>
        <source>Git</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="168"/>
        <source>The report appears when the run ends.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectsView</name>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="17"/>
        <source>Started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="34"/>
        <source>Describe a new project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="38"/>
        <source>Start</source>
        <comment>start a new project</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="49"/>
        <source>Search projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="53"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="53"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="54"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="54"/>
        <source>Failed or stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="63"/>
        <source>No projects yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="93"/>
        <source>up %1%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="17"/>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="27"/>
        <source>Search reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="44"/>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="44"/>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="52"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="62"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="62"/>
        <source>Choose a report.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServersView</name>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="21"/>
        <source>Done: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="35"/>
        <source>No servers: projects deploy to this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="36"/>
        <source>%1 server(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="68"/>
        <source>%1 of %2 MB free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="70"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="70"/>
        <source>Read what it has and run the base role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="71"/>
        <source>Trust new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="72"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="75"/>
        <source>projects: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="81"/>
        <source>Register a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="86"/>
        <source>Name, e.g. prod-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="87"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="89"/>
        <source>User (root)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="90"/>
        <source>SSH key&apos;s vault handle, server:NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="94"/>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="16"/>
        <source>%1 stored in the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="28"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="39"/>
        <source>Connected to a remote orchestratord at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="40"/>
        <source>In-process engine on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="42"/>
        <source>Settings file: %1 (changes apply at the next start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="44"/>
        <source>Provider profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="55"/>
        <source>Base URL, e.g. https://api.openai.com/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="62"/>
        <source>Key handle, e.g. key:openai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="67"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="69"/>
        <source>Store key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="77"/>
        <source>Telegram bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="81"/>
        <source>Token handle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="84"/>
        <source>Bot token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="86"/>
        <source>Store token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="91"/>
        <source>Admins (user ids)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="93"/>
        <source>Users (user ids)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="98"/>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="101"/>
        <source>User ids must be numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="103"/>
        <source>Saved. Changes apply at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="104"/>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="109"/>
        <source>Problems the engine finds in the file:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orch::ui::GraphEditor</name>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="200"/>
        <source>Move agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="214"/>
        <source>Add edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="224"/>
        <source>Remove edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="236"/>
        <source>Edit condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="268"/>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="274"/>
        <source>Add tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="274"/>
        <source>Remove tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="279"/>
        <source>Edit handoffs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="316"/>
        <source>Add agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="340"/>
        <source>Remove agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorEngine.cpp" line="111"/>
        <source>The graph has problems; fix them before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorEngine.cpp" line="113"/>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorEngine.cpp" line="139"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorEngine.cpp" line="150"/>
        <source>Import graph</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orch::ui::ServersModel</name>
    <message>
        <location filename="../ui/models/ServersModel.cpp" line="45"/>
        <source>Not connected to an orchestrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orch::ui::SettingsController</name>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="47"/>
        <source>%1 is not a JSON object; saving replaces it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="145"/>
        <source>Secrets are stored on the server: use “orchestratord secrets set” there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="147"/>
        <source>The value is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
