import { proxyFor, type SocketProxy } from '../test/support/socketProxy';
import type { Benchmark, BenchResult } from './benchmark';
import { wireEngineLayer } from './berthEngineLayer';
import { RUN_LABEL } from './containerFixture';
import { FOUNDATION_SECTION } from './sections';

/** A request this soon after an engine event is the refresh that event asked for, not idle traffic. */
const EVENT_ECHO_MS = 2000;
const SETTLE_QUIET_MS = 2000;
const SETTLE_LIMIT_MS = 30_000;

interface SeenRequest {
  request: string;
  at: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no request has passed the proxy for `quietMs`. */
async function settle(proxy: SocketProxy): Promise<void> {
  const started = Date.now();
  let count = proxy.requests.length;
  let quietSince = Date.now();
  while (Date.now() - quietSince < SETTLE_QUIET_MS) {
    if (Date.now() - started > SETTLE_LIMIT_MS) throw new Error(`Berth was still making requests after ${SETTLE_LIMIT_MS / 1000} s`);
    await sleep(100);
    if (proxy.requests.length !== count) {
      count = proxy.requests.length;
      quietSince = Date.now();
    }
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "a ×2, b" in first-seen order. */
function describeCounts(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, n]) => `${item}${n > 1 ? ` ×${n}` : ''}`).join(', ');
}

/** "`GET /version`, `GET /events?filters=…`, `GET /containers/json?all=true` ×2" */
function describeRequests(requests: readonly string[]): string {
  return describeCounts(requests.map((r) => `\`${r.replace(/\?filters=.*$/, '?filters=…')}\``));
}

/** The requests Berth's engine layer makes while nothing happens on the engine. */
export const idleBenchmark: Benchmark = {
  id: 'idle',
  section: FOUNDATION_SECTION,
  async run(context): Promise<BenchResult> {
    if (!context.dockerHost.startsWith('unix://')) throw new Error('the idle benchmark counts requests through a unix-socket proxy; the engine must be a unix socket');
    const fixture = await context.containers();
    const seconds = context.settings.idleSeconds;
    const proxy = proxyFor(context.dockerHost, 'bench-idle');
    await proxy.start();
    const layer = wireEngineLayer(`unix://${proxy.path}`);
    const events: { at: number; what: string; ours: boolean }[] = [];
    layer.connection.onEvent.on((event) =>
      events.push({
        at: Date.now(),
        // "exec_start: sh -c …" carries the command; the action alone says enough.
        what: `${event.Type} ${event.Action.replace(/:.*$/, '')}`,
        ours: event.Actor?.Attributes?.[RUN_LABEL] === fixture.runId,
      }),
    );
    try {
      await layer.connection.start();
      await layer.connection.whenConnected(10_000);
      await layer.data.get('container');
      await settle(proxy);
      const startup = [...proxy.requests];
      const loaded = layer.data.peek('container')?.length ?? 0;
      if (loaded < fixture.total) throw new Error(`Berth loaded ${loaded} containers, fewer than the ${fixture.total} the benchmark created`);
      if (!startup.some((r) => r.startsWith('GET /events'))) throw new Error('Berth did not open the event stream');

      context.log(`idle: counting Berth's requests for ${seconds} s`);
      const windowStart = Date.now();
      const seen: SeenRequest[] = [];
      const record = (): void => {
        while (startup.length + seen.length < proxy.requests.length) seen.push({ request: proxy.requests[startup.length + seen.length], at: Date.now() });
      };
      // The proxy keeps no timestamps; polling gives each request one within 50 ms.
      const poller = setInterval(record, 50);
      await sleep(seconds * 1000);
      clearInterval(poller);
      record();

      const windowEvents = events.filter((e) => e.at >= windowStart);
      // The benchmark's own containers only sleep; an event about one of them would mean the window was not idle on our side.
      const ours = windowEvents.filter((e) => e.ours).length;
      if (ours > 0) throw new Error(`${ours} engine events about the benchmark's own containers during the idle window`);
      const provoked = seen.filter((r) => windowEvents.some((e) => e.at <= r.at && r.at - e.at <= EVENT_ECHO_MS));
      const unprovoked = seen.length - provoked.length;
      const connected = layer.connection.state.kind === 'connected';
      const berth =
        (windowEvents.length === 0
          ? plural(seen.length, 'request')
          : `${plural(unprovoked, 'unprovoked request')} (plus ${plural(provoked.length, 'reload')} following ${plural(windowEvents.length, 'engine event')} from other sessions)`) +
        (connected ? '' : ', and the connection dropped');
      return {
        rows: [
          {
            measured: `Idle Berth (connected, ${loaded} containers loaded, event stream open): HTTP requests in ${seconds} s`,
            berth,
            comparisons: [],
            checks: [{ target: '0 requests', met: unprovoked === 0 && connected }],
          },
        ],
        notes: [
          'Idle: `EngineConnection`, `EngineData` and `RefreshScheduler` wired as `src/engineSession.ts` wires them, with the containers list loaded ' +
            `once as the status bar loads it, talking to the engine through a request-counting unix-socket proxy (\`test/support/socketProxy.ts\`). ` +
            `Counting starts once no request has passed for ${SETTLE_QUIET_MS / 1000} s; the \`/events\` request opened before that stays open and is not counted. ` +
            `Requests within ${EVENT_ECHO_MS / 1000} s after an engine event (another session working on the shared engine) are reported apart.`,
          `Idle startup, before counting: ${describeRequests(startup)}.`,
          ...(seen.length > 0 ? [`Idle window requests: ${describeRequests(seen.map((r) => r.request))}.`] : []),
          ...(windowEvents.length > 0
            ? [
                `Engine events during the idle window, all from other sessions: ${describeCounts(windowEvents.map((e) => e.what))}. ` +
                  'Berth reloads the lists a view shows after such events (coalesced over 50 ms), so these reloads are its intended behaviour, ' +
                  'not idle traffic; with events this dense, "within 2 s of an event" covers most of the window, so the unprovoked count is a weak check on such a run.',
              ]
            : []),
        ],
      };
    } finally {
      layer.dispose();
      await proxy.stop();
    }
  },
};
