/** One line per step, prefixed so stack output stands out among test and app output. */
export interface Progress {
  step(component: string, message: string): void;
  done(component: string, message: string): void;
  warn(component: string, message: string): void;
}

export function consoleProgress(stream: NodeJS.WritableStream = process.stderr): Progress {
  const write = (mark: string, component: string, message: string) =>
    stream.write(`[stack] ${mark} ${component.padEnd(8)} ${message}\n`);
  return {
    step: (component, message) => write('..', component, message),
    done: (component, message) => write('ok', component, message),
    warn: (component, message) => write('!!', component, message),
  };
}

const ignore = (): void => undefined;

export const silentProgress: Progress = { step: ignore, done: ignore, warn: ignore };
