import fs from 'node:fs';
import path from 'node:path';

export interface RunnableApp {
  readonly name: string;
  readonly entry: string;
}

/** Every app under apps/ that has an entry point; `npm start` runs them all. */
export function discoverApps(repoRoot: string): RunnableApp[] {
  const appsDir = path.join(repoRoot, 'apps');
  if (!fs.existsSync(appsDir)) return [];
  return fs
    .readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, entry: path.join(appsDir, entry.name, 'src', 'main.ts') }))
    .filter((app) => fs.existsSync(app.entry))
    .sort((a, b) => a.name.localeCompare(b.name));
}
