import fs from 'node:fs';
import path from 'node:path';

export interface RunnableApp {
  readonly name: string;
  readonly entry: string;
}

/** Whether an app's project.json tags it as a long-running service (`kind:service`). */
function isService(appDir: string): boolean {
  const projectFile = path.join(appDir, 'project.json');
  if (!fs.existsSync(projectFile)) return false;
  const { tags = [] } = JSON.parse(fs.readFileSync(projectFile, 'utf8')) as { tags?: string[] };
  return tags.includes('kind:service');
}

/** Every service under apps/ with an entry point; `npm start` runs them all. */
export function discoverApps(repoRoot: string): RunnableApp[] {
  const appsDir = path.join(repoRoot, 'apps');
  if (!fs.existsSync(appsDir)) return [];
  return fs
    .readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isService(path.join(appsDir, entry.name)))
    .map((entry) => ({ name: entry.name, entry: path.join(appsDir, entry.name, 'src', 'main.ts') }))
    .filter((app) => fs.existsSync(app.entry))
    .sort((a, b) => a.name.localeCompare(b.name));
}
