// `npm run bench -- NAME` builds the benchmarks and runs bench/NAME.ts; with no NAME, runs them all.
// Each prints `NAME: <ours> vs <baseline> = <ratio>x` lines.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

// The production build: benchmarks measure what the .vsix ships (minified bundles load faster).
execFileSync(process.execPath, ['esbuild.mjs', '--production', '--tests'], { stdio: 'inherit' });
const all = readdirSync('bench').filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : all) {
  if (!all.includes(name)) {
    console.error(`bench: no benchmark '${name}' (have: ${all.join(', ')})`);
    process.exit(2);
  }
  execFileSync(process.execPath, ['--expose-gc', `out/bench/${name}.js`], { stdio: 'inherit' });
}
