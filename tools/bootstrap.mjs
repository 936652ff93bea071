// Runs before anything else in `npm start`, `npm test` and `npm run stack`: checks the Node
// version and installs npm packages when node_modules is missing or older than the lock file.
// Plain JavaScript on purpose: it runs before TypeScript tooling is installed.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const say = (message) => quiet || process.stderr.write(`[bootstrap] ${message}\n`);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `[bootstrap] error: Node.js 20.19 or newer is required, found ${process.versions.node}.\n` +
      '[bootstrap] what to do: install Node.js 20 LTS or newer and run the command again.\n',
  );
  process.exit(1);
}

const lockFile = path.join(root, 'package-lock.json');
const stampFile = path.join(root, 'node_modules', '.fieldline-lock-hash');
// Patches to installed packages (patches/, applied on install) count as part of the lock.
const patchesDir = path.join(root, 'patches');
const lockHasher = createHash('sha256').update(fs.readFileSync(lockFile));
for (const name of fs.existsSync(patchesDir) ? fs.readdirSync(patchesDir).sort() : []) {
  lockHasher.update(name).update(fs.readFileSync(path.join(patchesDir, name)));
}
const lockHash = lockHasher.digest('hex');
const installedHash = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';

if (installedHash !== lockHash) {
  say('installing npm packages (npm install, pinned by package-lock.json)');
  // A changed patch applies only to a pristine package: drop patched packages so npm fetches them again.
  for (const name of fs.existsSync(patchesDir) ? fs.readdirSync(patchesDir) : []) {
    if (!name.endsWith('.patch')) continue;
    const packageName = name.slice(0, name.lastIndexOf('+')).replace('+', '/');
    fs.rmSync(path.join(root, 'node_modules', packageName), { recursive: true, force: true });
  }
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write(
      '[bootstrap] error: npm install failed.\n' +
        '[bootstrap] what to do: check access to the npm registry (npm config get registry) and retry.\n',
    );
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(stampFile, `${lockHash}\n`);
} else {
  say('npm packages are up to date');
}
