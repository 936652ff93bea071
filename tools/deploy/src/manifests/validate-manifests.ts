import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeployTools } from '../tooling/deploy-tools';
import { runProcess } from '@fieldline/stack';

/** The Kubernetes release rendered manifests are validated against. */
export const kubernetesVersion = '1.37.0';

export interface Validation {
  /** Objects that failed their kind's schema, with the validator's reason. */
  readonly failures: string[];
  /** Kinds the validator has no schema for (custom resources). */
  readonly unknownKinds: string[];
}

/**
 * Validates a YAML stream with kubernetes-validate in strict mode (unknown fields are errors)
 * against the Kubernetes schemas of `kubernetesVersion`.
 */
export async function validateManifests(
  tools: Pick<DeployTools, 'kubernetesValidate'>,
  yaml: string,
): Promise<Validation> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-manifests-'));
  const file = path.join(dir, 'manifests.yaml');
  fs.writeFileSync(file, yaml);
  try {
    const run = await runProcess(tools.kubernetesValidate, [
      '--strict',
      '--quiet',
      '--kubernetes-version',
      kubernetesVersion,
      file,
    ]);
    const lines = `${run.stdout}\n${run.stderr}`.split('\n');
    if (run.code !== 0 && !lines.some((line) => line.startsWith('ERROR'))) {
      throw new Error(`kubernetes-validate failed without naming an object:\n${run.stderr}`);
    }
    return {
      failures: lines.filter((line) => line.startsWith('ERROR')),
      unknownKinds: lines
        .map((line) => /Couldn't find schema for kind (\S+) with api version (\S+)/.exec(line))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => `${match[2]}/${match[1]}`),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
