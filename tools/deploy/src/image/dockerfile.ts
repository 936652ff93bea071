import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repo-root';

export const dockerfilePath = path.join(repoRoot, 'Dockerfile');

/** One instruction of a Dockerfile: its keyword, the stage it is in and its arguments. */
export interface Instruction {
  readonly keyword: string;
  readonly stage: string;
  readonly args: string;
}

/** The instructions, continuation lines joined and comments dropped. */
export function dockerInstructions(text = fs.readFileSync(dockerfilePath, 'utf8')): Instruction[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  let stage = '';
  return lines.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? '';
    return { keyword: keyword.toUpperCase(), stage, args };
  });
}

/** A COPY's sources and destination; `from` is the stage it copies out of, if any. */
export function copyOf(instruction: Instruction): {
  from?: string;
  sources: string[];
  target: string;
} {
  const words = instruction.args.split(/\s+/);
  const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((word) => !word.startsWith('--'));
  return { from, sources: paths.slice(0, -1), target: paths[paths.length - 1] ?? '' };
}

/** A stage's exec-form ENTRYPOINT or CMD as its words. */
export function execForm(
  instructions: readonly Instruction[],
  stage: string,
  keyword: 'ENTRYPOINT' | 'CMD',
): string[] {
  const found = instructions.find((step) => step.stage === stage && step.keyword === keyword);
  if (!found) throw new Error(`the ${stage} stage has no ${keyword}`);
  return JSON.parse(found.args) as string[];
}
