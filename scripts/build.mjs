// One build for every entry point: esbuild bundles our TypeScript (shared/ included) into dist/.
// Node entries keep node_modules external (native better-sqlite3, highs' .wasm); the task pane
// is bundled whole for the browser. Runs in `prepare`, so `npm ci` leaves a runnable product.
import { build } from 'esbuild';
import { existsSync, mkdirSync, chmodSync, copyFileSync, cpSync, readdirSync, rmSync } from 'node:fs';

const nodeEntries = {
  cli: 'service/cli.ts',
  server: 'service/server.ts',
  'solve-worker': 'service/solve-worker.ts',
  bench: 'service/bench/plan-bench.ts',
  'bench-service': 'service/bench/service-bench.ts',
};
const present = Object.fromEntries(Object.entries(nodeEntries).filter(([, f]) => existsSync(f)));
mkdirSync('dist', { recursive: true });
// Chunks are named by content hash: the previous build's go first.
for (const f of readdirSync('dist')) if (/^chunk-[\w-]+\.js(\.map)?$/.test(f)) rmSync(`dist/${f}`);
await build({
  entryPoints: present,
  outdir: 'dist',
  bundle: true,
  // Modules imported with import() (the service's worker, the run history) go to chunks of their
  // own, with the packages they load: a plan from the CLI does not load pino or SQLite. Chunks sit
  // beside the entries: code that finds the project from its own file (config.ts) stays right.
  splitting: true,
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
if (existsSync('addin/taskpane.ts')) {
  // The task pane as an ES module for the browser; the page and icons are copied beside it.
  rmSync('dist/addin', { recursive: true, force: true });
  await build({
    entryPoints: { taskpane: 'addin/taskpane.ts' },
    outdir: 'dist/addin',
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'browser',
    format: 'esm',
    // ES2017: Office 2016/2019 without WebView2 runs the pane in EdgeHTML 18, which parses
    // modules and async functions but not ?. or ?? (ES2020) or object spread (ES2018).
    target: ['es2017', 'edge18'],
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
  });
  // The page, its stylesheet and the icons the manifest points at, served beside the bundle.
  for (const f of ['taskpane.html', 'taskpane.css', 'support.html', 'old-webview.js']) copyFileSync(`addin/${f}`, `dist/addin/${f}`);
  cpSync('addin/assets', 'dist/addin/assets', { recursive: true, filter: (src) => !src.endsWith('.mjs') });
}
