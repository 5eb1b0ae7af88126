// Bundles the extension (Node, CommonJS) and the webview scripts (browser) with esbuild,
// and copies sql.js's wasm next to the extension bundle where the history store loads it.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const root = new URL('..', import.meta.url).pathname;

mkdirSync(join(root, 'dist'), { recursive: true });
copyFileSync(join(root, 'node_modules/sql.js/dist/sql-wasm.wasm'), join(root, 'dist/sql-wasm.wasm'));

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info' };

const extension = {
  ...common,
  entryPoints: [join(root, 'src/extension.ts')],
  outfile: join(root, 'dist/extension.js'),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // ssh2's optional native helpers are loaded in try/catch; leaving them out keeps the bundle portable.
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
};

// Worker threads are bundles of their own next to extension.js, loaded by path: the metrics history
// (src/stats/history/metricsWorker.ts) and the compose checker (no compose file can block the
// extension host).
const worker = (entry, out) => ({ ...extension, entryPoints: [join(root, entry)], outfile: join(root, out) });
const historyWorker = worker('src/stats/history/metricsWorker.ts', 'dist/metricsWorker.js');
const composeWorker = worker('src/compose/composeAnalysisWorker.ts', 'dist/composeAnalysisWorker.js');

const webviewDir = join(root, 'src/stats/browser');
const webviewEntries = existsSync(webviewDir)
  ? readdirSync(webviewDir).filter((f) => f.endsWith('Main.ts')).map((f) => join(webviewDir, f))
  : [];

const webviews = {
  ...common,
  entryPoints: webviewEntries,
  outdir: join(root, 'dist/webviews'),
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
};

const builds = [extension, historyWorker, composeWorker, ...(webviewEntries.length > 0 ? [webviews] : [])];
if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
