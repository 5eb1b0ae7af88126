import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseImageReference } from '../src/images/imageReference';
import { pushImage, tagForPush } from '../src/images/imagePush';
import { mapWithLimit } from '../src/registry/limiter';
import { MANIFEST_ACCEPT } from '../src/registry/manifestDetails';
import { pullScope, RegistryClient } from '../src/registry/registryClient';
import { deleteTag, loadTagDetails } from '../src/registry/registryTags';
import { TEST_AUTH_PASSWORD, TEST_AUTH_REGISTRY, TEST_AUTH_USER, TEST_IMAGE, testClient } from '../test/support/engineHarness';
import type { Benchmark, BenchResult } from './benchmark';
import { runInterleaved } from './interleave';
import { REGISTRY_SECTION } from './sections';
import { formatSummary, summarize } from './stats';

const TAGS = 300;
/** About what a side bar shows at once. */
const SCREENFUL = 30;
/** The view's limit on detail requests in flight. */
const CONCURRENCY = 6;
const TARGET_MS = 1000;

const credentials = { username: TEST_AUTH_USER, password: TEST_AUTH_PASSWORD };
const client = (): RegistryClient => new RegistryClient({ registry: TEST_AUTH_REGISTRY, credentials });

/** Pushes the test image once and puts its manifest under TAGS tags through the registry API; returns its digest. */
async function createFixture(docker: Parameters<Benchmark['run']>[0]['docker'], repository: string): Promise<string> {
  const parsed = parseImageReference(`${TEST_AUTH_REGISTRY}/${repository}:base`);
  if (!parsed.ok) throw new Error(parsed.message);
  await tagForPush(testClient(), TEST_IMAGE, parsed.ref);
  try {
    await pushImage(testClient(), parsed.ref, { auth: { ...credentials, serveraddress: TEST_AUTH_REGISTRY } });
  } finally {
    await docker.getImage(parsed.ref.full).remove().catch(() => undefined);
  }
  const c = client();
  const response = await c.fetch(`/v2/${repository}/manifests/base`, { accept: MANIFEST_ACCEPT, scope: pullScope(repository), what: 'Reading the manifest' });
  const mediaType = response.headers.get('content-type') ?? MANIFEST_ACCEPT[3];
  const digest = response.headers.get('docker-content-digest') ?? '';
  const body = await response.text();
  const basic = `Basic ${Buffer.from(`${TEST_AUTH_USER}:${TEST_AUTH_PASSWORD}`).toString('base64')}`;
  const tags = Array.from({ length: TAGS - 1 }, (_, i) => `1.0.${String(i).padStart(3, '0')}`);
  const puts = await mapWithLimit(tags, 8, async (tag) => {
    const put = await fetch(`${c.baseUrl}/v2/${repository}/manifests/${tag}`, { method: 'PUT', headers: { 'content-type': mediaType, authorization: basic }, body });
    if (!put.ok) throw new Error(`PUT ${tag}: ${put.status} ${await put.text()}`);
  });
  const failed = puts.find((p) => p.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return digest;
}

/** What Berth's view does on expanding the repository: list every tag, then details for the first screenful. */
async function berthTagsAndDetails(repository: string, concurrency: number): Promise<number> {
  const c = client();
  const tags = await c.tags(repository);
  if (tags.length !== TAGS) throw new Error(`expected ${TAGS} tags, got ${tags.length}`);
  const details = await mapWithLimit(tags.slice(0, SCREENFUL), concurrency, (tag) => loadTagDetails(c, repository, tag));
  const failed = details.find((d) => d.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return details.length;
}

/** The same requests from a shell: curl for the tag list, then manifest and config blob for each of the first 30, one after another. */
function curlScript(repository: string): string {
  const base = `http://${TEST_AUTH_REGISTRY}/v2/${repository}`;
  const accept = MANIFEST_ACCEPT.join(', ');
  return [
    'set -e',
    `auth='${TEST_AUTH_USER}:${TEST_AUTH_PASSWORD}'`,
    `tags=$(curl -fsS -u "$auth" '${base}/tags/list?n=1000' | tr -d '{}[]"' | sed 's/.*tags://' | tr ',' '\\n' | head -n ${SCREENFUL})`,
    'for tag in $tags; do',
    `  config=$(curl -fsS -u "$auth" -H 'Accept: ${accept}' "${base}/manifests/$tag" | tr -d ' \\n' | sed 's/.*"config":{[^}]*"digest":"\\([^"]*\\)".*/\\1/')`,
    `  curl -fsS -u "$auth" -o /dev/null "${base}/blobs/$config"`,
    'done',
  ].join('\n');
}

export const registryTagsBenchmark: Benchmark = {
  id: 'registryTags',
  section: REGISTRY_SECTION,
  async run(context): Promise<BenchResult> {
    const repository = `berth-test/bench-tags-${randomBytes(4).toString('hex')}`;
    context.log(`registryTags: pushing the test image and putting it under ${TAGS} tags in ${TEST_AUTH_REGISTRY}/${repository}`);
    const digest = await createFixture(context.docker, repository);
    const script = curlScript(repository);
    const curl = (): Promise<number> =>
      new Promise((resolve, reject) => execFile('bash', ['-c', script], (error) => (error ? reject(error) : resolve(SCREENFUL))));
    const { warmups, repetitions } = context.settings;
    try {
      context.log(`registryTags: ${warmups} warm-up rounds, then ${repetitions} rounds`);
      const runs = await runInterleaved(
        [
          { name: 'list', run: async () => (await client().tags(repository)).length },
          { name: 'berth', run: () => berthTagsAndDetails(repository, CONCURRENCY) },
          { name: 'sequential', run: () => berthTagsAndDetails(repository, 1) },
          { name: 'curl', run: curl },
        ],
        { warmups, repetitions },
      );
      const s = (name: string): ReturnType<typeof summarize> => summarize(runs.timingsMs.get(name) ?? []);
      const list = s('list');
      const berth = s('berth');
      const sequential = s('sequential');
      const curlSummary = s('curl');
      return {
        rows: [
          {
            measured: `List the ${TAGS} tags of a repository (authenticated loopback registry)`,
            berth: formatSummary(list),
            comparisons: [],
            checks: [{ target: `< ${TARGET_MS} ms`, met: list.medianMs < TARGET_MS }],
          },
          {
            measured: `… and load the details of the first ${SCREENFUL} (manifest + config blob each, ${CONCURRENCY} at a time)`,
            berth: formatSummary(berth),
            comparisons: [
              { label: 'same requests one at a time', figure: formatSummary(sequential) },
              { label: 'curl, one at a time', figure: formatSummary(curlSummary) },
            ],
            checks: [
              { target: `< ${TARGET_MS} ms`, met: berth.medianMs < TARGET_MS },
              { ratioName: 'Berth/curl', ratio: berth.medianMs / curlSummary.medianMs, target: '≤ 1.0×', met: berth.medianMs <= curlSummary.medianMs },
            ],
          },
        ],
        notes: [
          `Fixture: the test image pushed once to ${TEST_AUTH_REGISTRY} (Debian's docker-registry with htpasswd auth), its manifest put under ` +
            `${TAGS} tags through the registry API, removed after the run. Each measured run starts with a new RegistryClient, as the view does after a ` +
            'refresh: the first request is answered 401 with a Basic challenge, later ones carry the credentials. "list" is `tags/list`; the ' +
            `details row adds, for the first ${SCREENFUL} tags, the manifest (Accept: OCI index, manifest list, OCI and docker v2 manifests) and the ` +
            'config blob (for created and platform). The docker CLI has no command that lists a registry\'s tags; curl runs the same requests from a ' +
            'shell, one process per request. Interleaved rounds; ratios of medians.',
        ],
      };
    } finally {
      await deleteTag(client(), repository, digest).catch((error: unknown) => context.log(`registryTags: cleanup failed: ${String(error)}`));
    }
  },
};
