import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { componentNames, parseComponentName } from '../component';
import { tailFile } from '../processes';
import type { Stack } from '../stack';

/** `logs [component] [-f]`: the last lines of one or every component's log. */
export async function showLogs(stack: Stack, args: readonly string[]): Promise<void> {
  const follow = args.includes('-f') || args.includes('--follow');
  const requested = args.filter((arg) => !arg.startsWith('-')).map(parseComponentName);
  const names = requested.length > 0 ? requested : [...componentNames];
  const files = names
    .map((name) => stack.context.layout.logFile(name))
    .filter((file) => fs.existsSync(file));
  if (follow) {
    await new Promise<void>((resolve) => {
      spawn('tail', ['-n', '50', '-F', ...files], { stdio: 'inherit' }).once('exit', () =>
        resolve(),
      );
    });
    return;
  }
  for (const file of files) {
    process.stdout.write(`==> ${file} <==\n${tailFile(file, 50)}\n`);
  }
}
