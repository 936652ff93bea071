import path from 'node:path';
import type { StackSettings } from './settings';

/** Every path the stack writes, all under FIELDLINE_HOME (default `.fieldline/`). */
export interface StackLayout {
  readonly artifacts: string;
  readonly downloads: string;
  readonly data: string;
  readonly logs: string;
  readonly run: string;
  readonly endpointsFile: string;
  dataDir(component: string): string;
  logFile(component: string): string;
  pidFile(component: string): string;
}

export function stackLayout(settings: StackSettings): StackLayout {
  const { home } = settings;
  const data = path.join(home, 'data');
  const logs = path.join(home, 'logs');
  const run = path.join(home, 'run');
  return {
    artifacts: path.join(home, 'artifacts'),
    downloads: path.join(home, 'artifacts', 'downloads'),
    data,
    logs,
    run,
    endpointsFile: path.join(home, 'endpoints.json'),
    dataDir: (component) => path.join(data, component),
    logFile: (component) => path.join(logs, `${component}.log`),
    pidFile: (component) => path.join(run, `${component}.pid`),
  };
}
