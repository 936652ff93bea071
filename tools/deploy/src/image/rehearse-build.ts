import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../repo-root';
import { runProcess, type ProcessResult } from '@fieldline/stack';
import { copyOf, dockerInstructions, type Instruction } from './dockerfile';

/** Steps that install from the npm registry; the repository's installed node_modules stand in. */
const installSteps = [/^npm ci\b/, /^npm prune\b/];

export interface Rehearsal {
  /** The build stage's WORKDIR, as it stands after its steps ran. */
  readonly stageDir: string;
  /** Sources a COPY names that are not in the build context. */
  readonly missingSources: string[];
  /** Build-stage commands that failed, with their output. */
  readonly failedSteps: string[];
  /** Paths the runtime stage copies out of the build stage that the build did not make. */
  readonly missingOutputs: string[];
  remove(): void;
}

/**
 * Plays the Dockerfile's build stage without a Docker engine: copies what each COPY names into
 * a scratch folder, runs each RUN step there (the npm install steps excepted), then checks that
 * everything the runtime stage copies out of it exists.
 */
export async function rehearseBuild(instructions = dockerInstructions()): Promise<Rehearsal> {
  // Outside the repository, so nothing the Dockerfile forgets to copy is found up the tree.
  const stageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-image-build-'));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(stageDir, 'node_modules'));
  const buildStage = instructions.find(
    (step) => step.keyword === 'FROM' && step.stage !== '',
  )?.stage;
  const missingSources: string[] = [];
  const failedSteps: string[] = [];
  const missingOutputs: string[] = [];
  for (const step of instructions) {
    if (step.keyword === 'COPY') {
      const copy = copyOf(step);
      if (copy.from === buildStage) {
        for (const source of copy.sources) {
          const built = path.join(
            stageDir,
            path.relative(workdirOf(instructions, buildStage), source),
          );
          if (!fs.existsSync(built)) missingOutputs.push(source);
        }
      } else if (step.stage === buildStage) {
        for (const source of copy.sources) {
          const from = path.join(repoRoot, source);
          if (!fs.existsSync(from)) missingSources.push(source);
          else
            copyInto(
              from,
              path.join(
                stageDir,
                copy.target,
                copy.target.endsWith('/') ? path.basename(source) : '',
              ),
            );
        }
      }
    } else if (step.keyword === 'RUN' && step.stage === buildStage) {
      for (const command of step.args.split('&&').map((part) => part.trim())) {
        if (installSteps.some((pattern) => pattern.test(command))) continue;
        const run: ProcessResult = await runProcess('sh', ['-c', command], { cwd: stageDir });
        if (run.code !== 0) failedSteps.push(`${command}\n${run.stdout}${run.stderr}`);
      }
    }
  }
  return {
    stageDir,
    missingSources,
    failedSteps,
    missingOutputs,
    remove: () => fs.rmSync(stageDir, { recursive: true, force: true }),
  };
}

function workdirOf(instructions: readonly Instruction[], stage: string | undefined): string {
  return (
    instructions.find((step) => step.stage === stage && step.keyword === 'WORKDIR')?.args ?? '/'
  );
}

function copyInto(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => path.basename(source) !== 'node_modules',
  });
}
