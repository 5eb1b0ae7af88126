// For `npm start`: does a Docker engine answer where Berth would look? Resolves the endpoint with
// Berth's own rules (src/engine/endpoint.ts, bundled on the fly) and pings it.
//   node scripts/probeEngine.mjs [settings.json]
// Prints "<host>\t<source>" and exits 0 when the engine answers, 1 when not, 2 when the endpoint
// is not valid. settings.json: a VS Code settings file whose berth.dockerHost is honoured.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function settingFrom(file) {
  const text = file ? readText(file) : undefined;
  if (!text) return undefined;
  try {
    const value = JSON.parse(text)['berth.dockerHost'];
    return typeof value === 'string' ? value : undefined;
  } catch {
    // Settings files may hold comments; an unreadable one simply contributes no setting.
    return undefined;
  }
}

const bundle = await esbuild.build({
  entryPoints: [`${root}src/engine/endpoint.ts`],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'silent',
});
const endpointModule = { exports: {} };
new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(endpointModule, endpointModule.exports, require);
const { resolveEndpoint } = endpointModule.exports;

let endpoint;
try {
  endpoint = resolveEndpoint({ setting: settingFrom(process.argv[2]), env: process.env, homeDir: os.homedir(), platform: process.platform, readFile: readText });
} catch (error) {
  console.log(`${error.message}\tinvalid`);
  process.exit(2);
}
const Docker = require('dockerode');
const docker = new Docker({ ...endpoint.options, timeout: 3000 });
const answers = await docker.ping().then(() => true, () => false);
console.log(`${endpoint.host}\t${endpoint.source}`);
process.exit(answers ? 0 : 1);
