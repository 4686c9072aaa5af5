// `npm run test:node -- 24 [22 …]`: runs `npm test` (type check, build, every suite) once
// per Node line given (or exact version, such as an engines floor), with that line's newest official build first in PATH. The builds come
// from the npm registry (./node-from-npm.ts) and are cached outside the repository, so the
// supported lines can be tested on a machine that has only one Node installed.
// Exit code: 0 when every run passed. Nothing is printed after a run's own last line, so the
// output ends with the suite's `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_LINE, nodeFromNpm } from './node-from-npm.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

async function main(lines: string[]): Promise<number> {
  if (lines.length === 0 || lines.some((l) => !NODE_LINE.test(l))) {
    process.stderr.write('usage: npm run test:node -- LINE [LINE …]   (a major version for its newest release, e.g. 24 22, or an exact one, e.g. 22.2.0)\n');
    return 2;
  }
  const platform = `${process.platform}-${process.arch}`;
  for (const line of lines) {
    const node = await nodeFromNpm(platform, line, (s) => process.stdout.write(`test:node: ${s}\n`));
    if (node === null) {
      process.stderr.write(`test:node: the npm registry has no node-${platform} build of Node ${line}\n`);
      return 1;
    }
    const env = { ...process.env, PATH: `${dirname(node.bin)}${delimiter}${process.env.PATH ?? ''}` };
    // The `node` the npm scripts will find, asked the way they ask: through PATH.
    const found = spawnSync('node', ['--version'], { env, encoding: 'utf8' });
    if (found.stdout?.trim() !== `v${node.version}`) {
      process.stderr.write(`test:node: PATH gives node ${found.stdout?.trim() || found.error?.message}, not v${node.version}\n`);
      return 1;
    }
    process.stdout.write(`test:node: npm test on Node v${node.version} (${node.bin})\n`);
    const code = await npmTest(node.bin, env);
    if (code !== 0) {
      process.stderr.write(`test:node: npm test failed on Node v${node.version} (exit ${code})\n`);
      return code;
    }
  }
  return 0;
}

/** npm itself runs on the Node under test too (npm_execpath is set when we run from `npm run`). */
function npmTest(nodeBin: string, env: NodeJS.ProcessEnv): Promise<number> {
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli?.endsWith('.js') ? [nodeBin, [npmCli, 'test']] : ['npm', ['test']];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: 'inherit' });
    child.on('error', (err) => {
      process.stderr.write(`test:node: cannot start npm: ${err.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`test:node: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
