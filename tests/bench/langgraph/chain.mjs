// The seven-agent chain of bench_steps in LangGraph.js: each node makes one model call to the
// same OpenAI-compatible server (Node's fetch, keep-alive), appends the reply to the run's
// messages and hands over to the next; a checkpointer (MemorySaver) keeps every step, as the
// engine keeps a checkpoint per step. Prints one JSON line per scenario, as bench_steps does.
//
//   node chain.mjs URL RUNS CONCURRENCY
import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";

const [url, runsArg, concurrencyArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 100);
const concurrency = Number(concurrencyArg ?? 1);
const agents = Array.from({ length: 7 }, (_, i) => `a${i + 1}`);

const State = Annotation.Root({
  description: Annotation(),
  messages: Annotation({ reducer: (left, right) => left.concat(right), default: () => [] }),
  steps: Annotation({ reducer: (left, right) => left + right, default: () => 0 }),
});

async function callModel(agent, state) {
  const response = await fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      model: "fake-model",
      messages: [
        { role: "system", content: `agent:${agent}` },
        { role: "user", content: `Project: ${state.description}` },
        ...state.messages,
      ],
    }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const reply = await response.json();
  return { messages: [{ role: "assistant", content: reply.choices[0].message.content ?? "" }], steps: 1 };
}

let graph = new StateGraph(State);
for (const agent of agents) graph = graph.addNode(agent, (state) => callModel(agent, state));
graph = graph.addEdge(START, agents[0]);
for (let i = 0; i + 1 < agents.length; ++i) graph = graph.addEdge(agents[i], agents[i + 1]);
graph = graph.addEdge(agents[agents.length - 1], END);
const app = graph.compile({ checkpointer: new MemorySaver() });

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);

let started = 0;
let steps = 0;
let failed = 0;
async function worker() {
  while (started < runs) {
    const id = started++;
    try {
      const result = await app.invoke({ description: `bench run ${id}` },
                                      { configurable: { thread_id: `run-${id}` } });
      steps += result.steps;
    } catch (error) {
      ++failed;
      console.error(`run ${id}: ${error.message}`);
    }
  }
}

const begin = process.hrtime.bigint();
await Promise.all(Array.from({ length: Math.min(concurrency, runs) }, worker));
const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const line = {
  runs, concurrency, steps,
  seconds: Math.round(seconds * 1000) / 1000,
  steps_per_s: Math.round(steps / seconds),
  ms_per_step: Math.round((seconds * 1000 / Math.max(steps, 1)) * 10000) / 10000,
  rss_mb: Math.round(peakRss / 1048576 * 10) / 10,
  scenario: `langgraph.js ${concurrency === 1 ? "sequential" : `${concurrency} concurrent`}`,
};
if (failed) line.failed_runs = failed;
console.log(JSON.stringify(line));
process.exit(failed ? 1 : 0);
