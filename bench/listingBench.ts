import type { Benchmark, BenchResult } from './benchmark';
import { berthLister, cliLister, cliRequests, rawHttpLister } from './containerListers';
import { runInterleaved } from './interleave';
import { FOUNDATION_SECTION } from './sections';
import { formatMs, formatRatio, formatSummary, summarize } from './stats';

const RAW_TARGET = 1.3;
const CLI_TARGET = 0.5;

/** Berth's containers listing next to the CLI and the raw request, interleaved in one run. */
export const listingBenchmark: Benchmark = {
  id: 'listing',
  section: FOUNDATION_SECTION,
  async run(context): Promise<BenchResult> {
    const fixture = await context.containers();
    const { warmups, repetitions } = context.settings;
    context.log(`listing: ${warmups} warm-up rounds, then ${repetitions} measured rounds of Berth, CLI, raw HTTP and raw HTTP with sizes`);
    const runs = await runInterleaved(
      [
        { name: 'berth', run: berthLister(context.dockerHost) },
        { name: 'cli', run: cliLister(context.dockerHost) },
        { name: 'raw', run: rawHttpLister(context.dockerHost) },
        // Not a comparison: tells how much of the CLI's figure is the engine computing sizes rather than the process.
        { name: 'rawSize', run: rawHttpLister(context.dockerHost, 'all=1&size=1') },
      ],
      { warmups, repetitions },
    );
    const cliSends = await cliRequests(context.dockerHost);
    const timings = (name: string): number[] => runs.timingsMs.get(name) ?? [];
    const berth = summarize(timings('berth'));
    const cli = summarize(timings('cli'));
    const raw = summarize(timings('raw'));
    const rawSize = summarize(timings('rawSize'));

    const counts = [...runs.results.values()].flat();
    const fewest = Math.min(...counts);
    const most = Math.max(...counts);
    if (fewest < fixture.total) throw new Error(`a listing returned ${fewest} containers, fewer than the ${fixture.total} the benchmark created`);
    const listed = fewest === most ? `${fewest}` : `${fewest}–${most}`;

    const rawRatio = berth.medianMs / raw.medianMs;
    const cliRatio = berth.medianMs / cli.medianMs;
    return {
      rows: [
        {
          measured: `List all containers (${listed} on the engine, ${fixture.total} created by the benchmark, ${fixture.running} of them running)`,
          berth: formatSummary(berth),
          comparisons: [
            { label: 'raw HTTP + JSON.parse', figure: formatSummary(raw) },
            { label: 'docker CLI', figure: formatSummary(cli) },
          ],
          checks: [
            { ratioName: 'Berth/raw', ratio: rawRatio, target: `≤ ${RAW_TARGET}×`, met: rawRatio <= RAW_TARGET },
            { ratioName: 'Berth/CLI', ratio: cliRatio, target: `≤ ${CLI_TARGET}×`, met: cliRatio <= CLI_TARGET },
          ],
        },
      ],
      notes: [
        `Fixture: ${fixture.total} containers from \`berth-test/busybox:latest\` labelled \`berth.test=1\`; ${fixture.running} run \`sleep 3600\`, ` +
          `the other ${fixture.total - fixture.running} are created and never started. Each listing returned ${listed} containers ` +
          '(the engine is shared with other test sessions, whose containers are listed too).',
        `Method: ${warmups} warm-up rounds, then ${repetitions} measured rounds; each round runs every contender once, in orders where each ` +
          'goes first equally often and directly follows each other one equally often (a Williams design; with a plain rotation each contender ' +
          'always has the same predecessor, and whatever that one leaves the engine busy with lands on it every time), timed with `performance.now()` in one Node process. Figures are the median and the 90th percentile; ' +
          `ratios are ratios of medians (${formatRatio(0.5)} means Berth takes half the time).`,
        'Berth: `listContainers(docker)` from `src/engine/listings.ts` (dockerode, client built from the endpoint as `EngineConnection` builds it), ' +
          'mapped to `ContainerInfo`. Raw HTTP: `GET /containers/json?all=1` over the same unix socket with `node:http` (the default keep-alive agent ' +
          'dockerode also uses), body parsed with `JSON.parse` and nothing else: the floor. Docker CLI: ' +
          "`docker container ls --all --no-trunc --format '{{json .}}'` as a child process, each output line parsed; process start included, " +
          'as an extension that shells out to the CLI pays it on every refresh.' +
          (cliSends.length > 0
            ? ` The CLI sends ${cliSends.map((r) => `\`${r}\``).join(' then ')}` +
              (cliSends.some((r) => /[?&]size=(1|true)/.test(r))
                ? ': `{{json .}}` includes the Size field, so the CLI has the engine compute each container\'s disk use, work Berth does not ask for ' +
                  `(its tree shows no sizes). The same raw request with \`size=1\`, measured in the same rounds: ${formatSummary(rawSize)}; ` +
                  'the rest of the CLI\'s figure is the CLI itself (process start, the ping, formatting).'
                : '.')
            : ''),
        `Fastest single run: Berth ${formatMs(berth.minMs)}, raw HTTP ${formatMs(raw.minMs)}, docker CLI ${formatMs(cli.minMs)}; ` +
          'the spread between fastest and median is mostly load from other sessions on the 2 cores, which interleaving lets every contender share.',
      ],
    };
  },
};
