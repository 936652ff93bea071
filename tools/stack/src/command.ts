import { execFile } from 'node:child_process';
import fs from 'node:fs';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

export interface ProcessResult extends CommandResult {
  /** 0 on success. */
  readonly code: number;
}

export interface CommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Where the command line and its output are appended, for the user to read. */
  readonly logFile?: string;
  readonly timeoutMs?: number;
}

/**
 * Runs a command to completion and returns its exit code and all it printed, whatever the code;
 * rejects only when it could not run at all.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<ProcessResult> {
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
        if (error && typeof error.code !== 'number') {
          reject(Object.assign(new Error(`${command} failed: ${error.message}`), { cause: error }));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/**
 * Runs a short command to completion. On failure the error carries the end of its output and,
 * when `logFile` is given, the output is also appended there for the user to read.
 */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  const result = await runProcess(command, args, options);
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${command} failed with exit code ${result.code}\n${output}`);
  }
  return result;
}
