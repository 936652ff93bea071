import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { runProcess } from '@fieldline/stack';
import { bundlePath, imageApps, serviceApps } from '../build/build-apps';
import { repoRoot } from '../repo-root';
import { installedDeployTools } from '../tooling/deploy-tools';
import { dockerfilePath, dockerInstructions, execForm } from './dockerfile';
import { rehearseBuild, type Rehearsal } from './rehearse-build';

const tools = installedDeployTools();
const instructions = dockerInstructions();
const services = serviceApps();

it('passes hadolint', async () => {
  const lint = await runProcess(tools.hadolint, [dockerfilePath]);
  expect({ code: lint.code, findings: lint.stdout + lint.stderr }).toEqual({
    code: 0,
    findings: '',
  });
});

it('runs a maintained Node LTS as a non-root user, with tini as PID 1 and NODE_ENV=production', () => {
  const runtime = instructions.filter((step) => step.stage === 'runtime');
  const image = /^ARG NODE_IMAGE=node:(\d+)/.exec(
    instructions
      .map((step) => `${step.keyword} ${step.args}`)
      .find((line) => line.startsWith('ARG NODE_IMAGE')) ?? '',
  );
  // Even majors are the LTS lines; 24 is the active one (22 in maintenance until April 2027).
  expect(Number(image?.[1])).toBeGreaterThanOrEqual(22);
  expect(Number(image?.[1]) % 2).toBe(0);
  expect(runtime.find((step) => step.keyword === 'USER')?.args).toMatch(/^[1-9]\d*:[1-9]\d*$/);
  expect(
    runtime.some((step) => step.keyword === 'RUN' && /apt-get install .*\btini=/.test(step.args)),
  ).toBe(true);
  const entrypoint = execForm(instructions, 'runtime', 'ENTRYPOINT');
  expect(entrypoint.slice(0, 3)).toEqual(['/usr/bin/tini', '--', 'node']);
  expect(
    runtime.some((step) => step.keyword === 'ENV' && step.args === 'NODE_ENV=production'),
  ).toBe(true);
});

describe('the build stage, played without a Docker engine', () => {
  let rehearsal: Rehearsal;
  beforeAll(async () => {
    rehearsal = await rehearseBuild(instructions);
  });
  afterAll(() => rehearsal?.remove());

  it('finds every path it copies, runs every step, and makes everything the runtime copies', () => {
    expect({
      missingSources: rehearsal.missingSources,
      failedSteps: rehearsal.failedSteps,
      missingOutputs: rehearsal.missingOutputs,
    }).toEqual({ missingSources: [], failedSteps: [], missingOutputs: [] });
  });

  it("runs the image's default command: the CLI's usage", async () => {
    const entrypoint = execForm(instructions, 'runtime', 'ENTRYPOINT');
    const command = execForm(instructions, 'runtime', 'CMD');
    const [node, ...nodeArgs] = entrypoint.slice(entrypoint.indexOf('node'));
    expect(node).toBe('node');
    const run = await runProcess(process.execPath, [...nodeArgs, ...command], {
      cwd: rehearsal.stageDir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: fieldline <command>');
  });

  it('leaves only production dependencies and Node built-ins for the bundles to require', () => {
    // The image prunes devDependencies; the rehearsal cannot, so it checks what is required.
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const allowed = new Set([...Object.keys(manifest.dependencies), ...builtinModules]);
    for (const app of imageApps()) {
      const bundle = fs.readFileSync(path.join(rehearsal.stageDir, bundlePath(app.name)), 'utf8');
      const required = [...bundle.matchAll(/\brequire\("([^"./][^"]*)"\)/g)].map(([, id]) =>
        packageOf(id ?? ''),
      );
      expect({
        app: app.name,
        outside: [...new Set(required)].filter((id) => !allowed.has(id)),
      }).toEqual({
        app: app.name,
        outside: [],
      });
    }
  });

  it.each(services)(
    '%s starts from its bundle with plain Node and names the configuration it lacks',
    async (app) => {
      const run = await runProcess(
        'env',
        [
          '-i',
          `PATH=${process.env['PATH']}`,
          process.execPath,
          path.join(rehearsal.stageDir, bundlePath(app)),
        ],
        { cwd: rehearsal.stageDir },
      );
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).toContain('KAFKA_BROKERS: is required');
      expect(run.stdout + run.stderr).not.toContain('Cannot find module');
    },
  );
});

/** The package a module id belongs to: `@scope/name` or `name`; a built-in without `node:`. */
function packageOf(id: string): string {
  if (id.startsWith('node:')) return id.slice('node:'.length).split('/')[0] ?? id;
  const parts = id.split('/');
  return id.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? id);
}
