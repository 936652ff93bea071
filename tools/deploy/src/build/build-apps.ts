import path from 'node:path';
import { build } from 'esbuild';
import { workspaceApps, type WorkspaceApp } from '@fieldline/stack';
import { repoRoot } from '../repo-root';

/** Apps the image carries: the services, the demo traffic, and the CLI the deploy Job runs. */
export const imageKinds = ['service', 'demo', 'cli'];

export function imageApps(): WorkspaceApp[] {
  return workspaceApps(repoRoot).filter((app) => imageKinds.includes(app.kind));
}

/** The services: the apps the chart and the Kustomize manifests deploy. */
export function serviceApps(): string[] {
  return workspaceApps(repoRoot)
    .filter((app) => app.kind === 'service')
    .map((app) => app.name);
}

/** Where an app's bundle is written, relative to the output folder (the image's /app). */
export function bundlePath(app: string): string {
  return path.posix.join('dist', 'apps', app, 'main.js');
}

/** Where `buildApps` put an app's bundle. */
export function bundleFile(app: string, outDir = repoRoot): string {
  return path.join(outDir, bundlePath(app));
}

/**
 * One CommonJS bundle per app with the workspace libraries inlined and every npm package left
 * to node_modules: OpenTelemetry instruments http, express and pg by hooking `require`, which a
 * bundled copy would bypass, and kafkajs is patched in place by patch-package.
 */
export async function buildApps(outDir = repoRoot, apps = imageApps()): Promise<string[]> {
  await Promise.all(apps.map((app) => bundleEntry(app.entry, bundleFile(app.name, outDir))));
  return apps.map((app) => bundlePath(app.name));
}

/** Bundles one TypeScript entry point as `buildApps` bundles an app. */
export async function bundleEntry(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: path.join(repoRoot, 'tsconfig.base.json'),
    sourcemap: true,
    logLevel: 'warning',
  });
}
