import fs from 'node:fs';
import path from 'node:path';

export interface RunnableApp {
  readonly name: string;
  readonly entry: string;
  /** Where `npm start` has it listen. */
  readonly port: number;
  readonly url: string;
}

/** An app under apps/ with an entry point, and its `kind:` tag (service, demo, cli). */
export interface WorkspaceApp {
  readonly name: string;
  readonly kind: string;
  readonly entry: string;
}

/** What `npm start` runs: the services, and the demo traffic that drives them. */
const startedKinds = ['service', 'demo'];

function kindOf(appDir: string): string | undefined {
  const projectFile = path.join(appDir, 'project.json');
  if (!fs.existsSync(projectFile)) return undefined;
  const { tags = [] } = JSON.parse(fs.readFileSync(projectFile, 'utf8')) as { tags?: string[] };
  return tags.find((tag) => tag.startsWith('kind:'))?.slice('kind:'.length);
}

/** Every app under apps/ with a kind and an entry point, in name order. */
export function workspaceApps(repoRoot: string): WorkspaceApp[] {
  const appsDir = path.join(repoRoot, 'apps');
  if (!fs.existsSync(appsDir)) return [];
  return fs
    .readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      name: entry.name,
      kind: kindOf(path.join(appsDir, entry.name)) ?? '',
      entry: path.join(appsDir, entry.name, 'src', 'main.ts'),
    }))
    .filter((app) => app.kind !== '' && fs.existsSync(app.entry))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Every service and demo under apps/ with an entry point, each given its own local port from
 * `portBase` up, in name order.
 */
export function discoverApps(repoRoot: string, portBase = 18100): RunnableApp[] {
  return workspaceApps(repoRoot)
    .filter((app) => startedKinds.includes(app.kind))
    .map((app, index) => ({
      name: app.name,
      entry: app.entry,
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
