import fs from 'node:fs';
import path from 'node:path';

export interface RunnableApp {
  readonly name: string;
  readonly entry: string;
  /** Where `npm start` has it listen. */
  readonly port: number;
  readonly url: string;
}

/** What `npm start` runs: the services, and the demo traffic that drives them. */
const startedKinds = ['kind:service', 'kind:demo'];

function kindOf(appDir: string): string | undefined {
  const projectFile = path.join(appDir, 'project.json');
  if (!fs.existsSync(projectFile)) return undefined;
  const { tags = [] } = JSON.parse(fs.readFileSync(projectFile, 'utf8')) as { tags?: string[] };
  return tags.find((tag) => startedKinds.includes(tag));
}

/**
 * Every service and demo under apps/ with an entry point, each given its own local port from
 * `portBase` up, in name order.
 */
export function discoverApps(repoRoot: string, portBase = 18100): RunnableApp[] {
  const appsDir = path.join(repoRoot, 'apps');
  if (!fs.existsSync(appsDir)) return [];
  return fs
    .readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && kindOf(path.join(appsDir, entry.name)) !== undefined)
    .map((entry) => ({ name: entry.name, entry: path.join(appsDir, entry.name, 'src', 'main.ts') }))
    .filter((app) => fs.existsSync(app.entry))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((app, index) => ({
      ...app,
      port: portBase + index,
      url: `http://127.0.0.1:${portBase + index}`,
    }));
}

/** `INGEST_GATEWAY_URL=http://127.0.0.1:18102` and so on, so apps find each other locally. */
export function appUrlEnvironment(apps: readonly RunnableApp[]): Record<string, string> {
  return Object.fromEntries(
    apps.map((app) => [`${app.name.toUpperCase().replace(/-/g, '_')}_URL`, app.url]),
  );
}
