<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgentEditor</name>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="75"/>
        <source>Saved as version %1. Running runs keep theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="95"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="96"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="99"/>
        <source>Add agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="102"/>
        <source>Remove agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="103"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="104"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="105"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="115"/>
        <source>Lessons…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="118"/>
        <source>What runs learned from their failures, given to the agents of later runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="193"/>
        <source>Zoom out (Ctrl+−)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="195"/>
        <source>Zoom in (Ctrl++)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="196"/>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="196"/>
        <source>The whole graph in view (Ctrl+0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="108"/>
        <source>Arrange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="111"/>
        <source>Place every agent left to right from the entry (undo puts them back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="122"/>
        <source>Hide panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="122"/>
        <source>Show panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="125"/>
        <source>The agent&apos;s properties and the edges, beside the canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/AgentEditor.qml" line="130"/>
        <source>%n problem(s) to fix</source>
        <translation>
            <numerusform>%n problem to fix</numerusform>
            <numerusform>%n problems to fix</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="144"/>
        <location filename="../ui/qml/AgentEditor.qml" line="145"/>
        <source>Graph files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="313"/>
        <source>Click an agent to edit its properties.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentFields</name>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="38"/>
        <source>Agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="46"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="124"/>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="74"/>
        <source>Model profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="51"/>
        <source>Shown on the graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="61"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="68"/>
        <source>LLM agent (built-in tool loop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="69"/>
        <source>Coding agent CLI (Claude Code, Codex, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="87"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="96"/>
        <source>Max turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="101"/>
        <source>Ends the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="103"/>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="107"/>
        <source>When this agent finishes, the run is complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="125"/>
        <source>%1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="154"/>
        <source>Shared rules: %1 (read-only, in place of its include line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="174"/>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="200"/>
        <source>Hands off to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BalancesView</name>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="43"/>
        <source>Spent: $%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/BalancesView.qml" line="50"/>
        <source>%n call(s) of unknown price</source>
        <translation>
            <numerusform>%n call of unknown price</numerusform>
            <numerusform>%n calls of unknown price</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="54"/>
        <source>Top up (USD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="48"/>
        <source>+ $%1 simulated by the offline demo model (not spent, not budgeted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="30"/>
        <source>Simulated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="67"/>
        <source>Database: %1 MB on disk, %2 MB of it reusable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="68"/>
        <source>Database: %1 MB on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="92"/>
        <source>By day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="93"/>
        <source>By agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="94"/>
        <source>By model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="95"/>
        <source>By project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="96"/>
        <source>Projects over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="29"/>
        <location filename="../ui/qml/BalancesView.qml" line="113"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="114"/>
        <source>Simulated (offline demo model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="126"/>
        <source>These bars include $%1 simulated by the offline demo model: not spent, not budgeted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="131"/>
        <source>Nothing spent yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BudgetBar</name>
    <message>
        <location filename="../ui/qml/BudgetBar.qml" line="23"/>
        <source>$%1 of $%2, $%3 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/BudgetBar.qml" line="25"/>
        <source>$%1, not limited</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckpointInspector</name>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="19"/>
        <source>Choose a step in the timeline to see its state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="20"/>
        <source>After step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="21"/>
        <source>next: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="37"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="38"/>
        <source>Changes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="39"/>
        <source>Conversation (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="89"/>
        <source>Only the first %1 rows are shown; fold some open values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="93"/>
        <source>Value at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="93"/>
        <source>Click a value to edit it for a fork.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="105"/>
        <source>Fork from this step with this value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="108"/>
        <source>A new run continues from here with the edited state; this run stays as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="130"/>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="130"/>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="130"/>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="140"/>
        <source>The run&apos;s starting state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="140"/>
        <source>This step changed nothing in the state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="155"/>
        <source>calls %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="160"/>
        <source>No conversation is pending at this step.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodingAgentFields</name>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="23"/>
        <source>Program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="30"/>
        <source>Claude Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="31"/>
        <source>Codex CLI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="32"/>
        <source>Another CLI (a command)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="39"/>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="44"/>
        <source>e.g. droid exec --file {task_file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="51"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="55"/>
        <source>The CLI&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="60"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="64"/>
        <source>key:NAME in the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="71"/>
        <source>Time limit (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="82"/>
        <source>Cost limit (USD)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../ui/qml/ConfirmDialog.qml" line="12"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ConfirmDialog.qml" line="50"/>
        <source>Keep as it is</source>
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
    <name>DomainDialog</name>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="26"/>
        <source>A domain for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="37"/>
        <source>A domain of yours is used once its A (or AAAA) record points at the project&apos;s server; you are shown the record to create if it does not yet. The service is then deployed there with a certificate of its own. Leave it empty to go back to its name in the zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="43"/>
        <source>shop.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="52"/>
        <source>Check and use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="57"/>
        <source>Keep as it is</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EdgeEditor</name>
    <message>
        <location filename="../ui/qml/EdgeEditor.qml" line="15"/>
        <source>Edges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/EdgeEditor.qml" line="18"/>
        <source>No edges yet: drag from an agent&apos;s blue handle onto another agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/EdgeEditor.qml" line="41"/>
        <source>Condition, e.g. tests.passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/EdgeEditor.qml" line="47"/>
        <source>Delete edge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorNode</name>
    <message>
        <location filename="../ui/qml/EditorNode.qml" line="61"/>
        <source>Drag onto another agent to connect them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunBanner</name>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="30"/>
        <source>No model is ready, so projects cannot start yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="31"/>
        <source>Offline demo model: projects replay a recorded run (a service that tells the time in a city) whatever you describe; its spend is simulated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="37"/>
        <source>Add a provider…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="39"/>
        <source>Settings: the endpoint and the vault handle of its key, with a connection test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="45"/>
        <source>Use the offline demo model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="47"/>
        <source>Recorded replies, no network and no real model; spend is labelled simulated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="20"/>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="21"/>
        <source>thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="22"/>
        <source>calling tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="23"/>
        <source>waiting for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="24"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="25"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="30"/>
        <source>%1M tok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="30"/>
        <source>%1k tok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="30"/>
        <source>%1 tok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="49"/>
        <source>Graph version %1 (new runs use it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="50"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="55"/>
        <source>active: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="113"/>
        <source>Click to see %1&apos;s steps in the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="140"/>
        <source>turn %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="140"/>
        <source>turn %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="141"/>
        <source>sim.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="141"/>
        <source>cost unknown</source>
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
    <name>LessonsDialog</name>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="15"/>
        <source>Lessons from failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="45"/>
        <source>No lessons yet: a run keeps one when it recovers from a failure of its code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/LessonsDialog.qml" line="46"/>
        <source>%n lesson(s). The agents of later runs on the same template are given them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="48"/>
        <source>Show dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="77"/>
        <source>(no template)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="82"/>
        <source>given %1, missed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="83"/>
        <source>dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="84"/>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="86"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="86"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="89"/>
        <source>Forget…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="90"/>
        <source>Forget lesson #%1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="91"/>
        <source>Later runs are no longer given it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="92"/>
        <source>Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="95"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="96"/>
        <source>Fixed by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="97"/>
        <source>What failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="98"/>
        <source>What fixes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="103"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveActivity</name>
    <message>
        <location filename="../ui/qml/LiveActivity.qml" line="30"/>
        <source>%1 is working</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../ui/qml/Main.qml" line="20"/>
        <source>Codegen Orchestrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="58"/>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="59"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="60"/>
        <source>Live graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="61"/>
        <source>Agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="62"/>
        <source>Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="63"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="64"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="65"/>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="66"/>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NavRail</name>
    <message>
        <location filename="../ui/qml/NavRail.qml" line="63"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/NavRail.qml" line="63"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/NavRail.qml" line="63"/>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/NavRail.qml" line="65"/>
        <source>Theme: %1 (click to switch)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../ui/qml/ProblemsPanel.qml" line="32"/>
        <source>agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProblemsPanel.qml" line="36"/>
        <source>edge %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProblemsPanel.qml" line="38"/>
        <source>the graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProblemsPanel.qml" line="41"/>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileRow</name>
    <message>
        <location filename="../ui/qml/ProfileRow.qml" line="31"/>
        <source>Asking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProfileRow.qml" line="55"/>
        <source>As the graph says (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProfileRow.qml" line="80"/>
        <source>Choose a provider first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectReview</name>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="50"/>
        <source>Release %1 runs and passed its health check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="77"/>
        <source>Choose a project to review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="98"/>
        <source>Paused: the database cannot be reached. The run goes on by itself once it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="121"/>
        <source>Question: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="134"/>
        <source>Your answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="134"/>
        <source>The secret (kept in the vault, never shown to agents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="137"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="151"/>
        <source>Ask for a change to this project, e.g. &quot;add a /weather route&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="155"/>
        <source>Ask for a change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="167"/>
        <source>Redeploy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="164"/>
        <source>Install and start the running release again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="177"/>
        <source>Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="174"/>
        <source>Put the release before it back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="52"/>
        <source>%1 is down and removed; its code, runs and reports stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="56"/>
        <source>%1 answers at %2 now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="57"/>
        <source>%1 moves to its domain at its next deploy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="66"/>
        <source>Fork from step %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="67"/>
        <source>A new run of this project starts from the state after step %1 and goes on from there. It spends from the budget; this run stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="68"/>
        <source>Fork</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="83"/>
        <source>Cancel this run?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="84"/>
        <source>The run stops where it is, and whatever it started (a deploy included) is stopped and cleaned up. It can be resumed later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="85"/>
        <source>Cancel the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="161"/>
        <source>Redeploy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="164"/>
        <location filename="../ui/qml/ProjectReview.qml" line="174"/>
        <location filename="../ui/qml/ProjectReview.qml" line="192"/>
        <source>The project has not been deployed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="165"/>
        <source>Redeploy %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="166"/>
        <source>The running release is installed and started again; the service is down for a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="171"/>
        <source>Roll back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="175"/>
        <source>Roll back %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="176"/>
        <source>The release before the running one is put back and started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="181"/>
        <source>Domain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="184"/>
        <source>Reach the project at a domain of yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="189"/>
        <source>Take down…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="192"/>
        <source>Stop the service and remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="193"/>
        <source>Take %1 down?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="194"/>
        <source>The service stops at %1; its process, web site and releases are removed. The code, runs and reports stay, and a change request deploys it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="195"/>
        <source>Take down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="201"/>
        <source>Steps of %1 stand out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="202"/>
        <source>Show all alike</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="245"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="246"/>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="247"/>
        <source>Git</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="248"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="257"/>
        <source>The report appears when the run ends.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectRunStrip</name>
    <message>
        <location filename="../ui/qml/ProjectRunStrip.qml" line="28"/>
        <source>fork of %1 at step %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectRunStrip.qml" line="30"/>
        <source>change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectRunStrip.qml" line="31"/>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectRunStrip.qml" line="63"/>
        <source>(simulated)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectsView</name>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="26"/>
        <source>Start anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="27"/>
        <source>%1 That is more than the budget left (%2): the run may stop halfway and wait for a top-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="28"/>
        <source>Start anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="40"/>
        <source>Started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="57"/>
        <source>Describe a new project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="61"/>
        <source>Start</source>
        <comment>start a new project</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="80"/>
        <source>Search projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="84"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="84"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="85"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="85"/>
        <source>Failed or stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="94"/>
        <source>No projects yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="140"/>
        <source>up %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="146"/>
        <source>(simulated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="148"/>
        <source>Priced for the offline demo model: not spent, not budgeted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderRow</name>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="28"/>
        <source>Base URL, e.g. https://api.openai.com/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="29"/>
        <source>Base URL, e.g. https://api.anthropic.com/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="30"/>
        <source>Base URL of the provider&apos;s API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="40"/>
        <source>%1 API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="56"/>
        <source>Key handle, e.g. key:%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="61"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="63"/>
        <source>Store key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="70"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="74"/>
        <source>Asks the endpoint which models it serves, with the key stored under the handle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="78"/>
        <source>Asking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="84"/>
        <source>Connected; the endpoint lists no models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/ProviderRow.qml" line="85"/>
        <source>Connected: %n model(s) — %1</source>
        <translation type="unfinished">
            <numerusform>Connected: %n model — %1</numerusform>
            <numerusform>Connected: %n models — %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="92"/>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../ui/models/JsonTreeModel.cpp" line="170"/>
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/JsonTreeModel.cpp" line="172"/>
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="20"/>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="32"/>
        <source>Search reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="63"/>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="64"/>
        <location filename="../ui/qml/ReportsView.qml" line="93"/>
        <source>While you were away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="65"/>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="78"/>
        <source>(simulated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="97"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="107"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="107"/>
        <source>Choose a report.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunHeader</name>
    <message>
        <location filename="../ui/qml/RunHeader.qml" line="32"/>
        <source>Cost: $%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/RunHeader.qml" line="33"/>
        <source>(simulated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/RunHeader.qml" line="39"/>
        <source>Cancel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/RunHeader.qml" line="45"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServersView</name>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="22"/>
        <source>Done: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="36"/>
        <source>No servers: projects deploy to this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="37"/>
        <source>%1 server(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="70"/>
        <source>%1 of %2 MB free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="72"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="72"/>
        <source>Read what it has and run the base role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="73"/>
        <source>Trust new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="76"/>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="77"/>
        <source>Remove %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="78"/>
        <source>The orchestrator forgets this server; what runs on it keeps running, and new deploys go elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="79"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="83"/>
        <source>projects: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="89"/>
        <source>Register a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="94"/>
        <source>Name, e.g. prod-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="95"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="97"/>
        <source>SSH port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="100"/>
        <source>User (root)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="101"/>
        <source>SSH key&apos;s vault handle, server:NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="103"/>
        <source>Memory for projects, MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="108"/>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="27"/>
        <source>%1 stored in the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="45"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="55"/>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="59"/>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="59"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="60"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="68"/>
        <source>Connected to a remote orchestratord at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="69"/>
        <source>In-process engine on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="71"/>
        <source>Settings file: %1 (changes apply at the next start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="73"/>
        <source>Provider profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n model(s) — %1</source>
        <translation type="vanished">
            <numerusform>Connected: %n model — %1</numerusform>
            <numerusform>Connected: %n models — %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="121"/>
        <source>Telegram bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="125"/>
        <source>Token handle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="128"/>
        <source>Bot token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="130"/>
        <source>Store token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="135"/>
        <source>Admins (user ids)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="137"/>
        <source>Users (user ids)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="142"/>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="29"/>
        <source>User ids must be numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="28"/>
        <source>Saved. Changes apply at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="30"/>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="80"/>
        <source>Remove the provider %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="81"/>
        <source>Agents whose model profiles use it cannot run until another provider serves them. Its key stays in the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="82"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="88"/>
        <source>Name, e.g. openrouter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="92"/>
        <source>OpenAI-compatible API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="92"/>
        <source>Anthropic-compatible API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="99"/>
        <source>Add provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="111"/>
        <source>Models per profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="160"/>
        <source>Problems the engine finds in the file:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourceBrowser</name>
    <message>
        <location filename="../ui/qml/SourceBrowser.qml" line="84"/>
        <source>Unified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SourceBrowser.qml" line="85"/>
        <source>Side by side</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpendChart</name>
    <message>
        <location filename="../ui/qml/SpendChart.qml" line="42"/>
        <source>(simulated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/SpendChart.qml" line="45"/>
        <source>Total: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusWords</name>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="10"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="11"/>
        <location filename="../ui/qml/StatusWords.qml" line="30"/>
        <source>waiting for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="12"/>
        <source>waiting for budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="13"/>
        <source>waiting for a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="14"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="15"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="16"/>
        <source>stalled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="17"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="18"/>
        <source>continues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="19"/>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="20"/>
        <source>handed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="21"/>
        <location filename="../ui/qml/StatusWords.qml" line="22"/>
        <source>asked you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="23"/>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="24"/>
        <source>waits for a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="25"/>
        <source>waits for the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="26"/>
        <source>condensed its notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="27"/>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="28"/>
        <source>thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="29"/>
        <source>calling a tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="31"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="32"/>
        <source>healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="33"/>
        <source>unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="34"/>
        <source>not deployed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="35"/>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="36"/>
        <source>unchecked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="37"/>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="38"/>
        <source>host key changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepCard</name>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="37"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="37"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="51"/>
        <source>Inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="55"/>
        <source>The state after this step, what it changed, and the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="60"/>
        <source>Fork…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="64"/>
        <source>Start a new run from the state after this step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="75"/>
        <source>%1/%2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="76"/>
        <source>cost unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="81"/>
        <source>Tools: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orch::ui::BalancesModel</name>
    <message>
        <location filename="../ui/models/BalancesModel.cpp" line="66"/>
        <source>All projects</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orch::ui::CheckpointModel</name>
    <message>
        <location filename="../ui/models/CheckpointModel.cpp" line="170"/>
        <source>Choose a value in the state first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/CheckpointModel.cpp" line="179"/>
        <source>%1 holds JSON (a number, true/false, a list or an object); this text is not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orch::ui::ForecastQuery</name>
    <message>
        <location filename="../ui/models/ForecastQuery.cpp" line="80"/>
        <location filename="../ui/models/ForecastQuery.cpp" line="86"/>
        <source>No forecast: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/ForecastQuery.cpp" line="87"/>
        <source>Forecast: about %1 (%2–%3) and %4 min of work, from %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orch::ui::GraphEditor</name>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="216"/>
        <source>Move agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="234"/>
        <source>Arrange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="248"/>
        <source>Add edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="258"/>
        <source>Remove edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="270"/>
        <source>Edit condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="76"/>
        <source>An agent needs a title: it names the agent on the graph.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="87"/>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="93"/>
        <source>Add tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="93"/>
        <source>Remove tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="98"/>
        <source>Edit handoffs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="325"/>
        <source>Add agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="349"/>
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
    <name>orch::ui::LessonsModel</name>
    <message>
        <location filename="../ui/models/LessonsModel.cpp" line="52"/>
        <source>Not connected to an orchestrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orch::ui::ModelSetup</name>
    <message>
        <location filename="../ui/models/ModelSetup.cpp" line="66"/>
        <location filename="../ui/models/ModelSetup.cpp" line="87"/>
        <source>not connected</source>
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
    <name>orch::ui::Session</name>
    <message>
        <location filename="../ui/models/Session.cpp" line="134"/>
        <source>%1 does not point at the project&apos;s server yet (its records hold: %2). Create this record at the domain&apos;s DNS provider, then try again:
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/Session.cpp" line="138"/>
        <source>nothing</source>
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
        <location filename="../ui/models/SettingsController.cpp" line="76"/>
        <source>A provider&apos;s name is lower-case letters, digits and dashes, starting with a letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="79"/>
        <source>A provider speaks the openai or the anthropic API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="82"/>
        <source>%1 is the name of the built-in %1 provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="127"/>
        <source>“%1” is not a model profile&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="135"/>
        <source>Choose a model for the profile %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="225"/>
        <source>Secrets are stored on the server: use “orchestratord secrets set” there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="227"/>
        <source>The value is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
