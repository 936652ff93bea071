import { execFile } from 'node:child_process';
import fs from 'node:fs';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a short command to completion. On failure the error carries its output and, when
 * `logFile` is given, the output is also appended there for the user to read.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile?: string; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 600_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (options.logFile) {
          fs.appendFileSync(
            options.logFile,
            `$ ${command} ${args.join(' ')}\n${stdout}${stderr}\n`,
          );
        }
        if (error) {
          const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n');
          reject(
            Object.assign(new Error(`${command} failed: ${error.message}\n${output}`), {
              cause: error,
            }),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}
