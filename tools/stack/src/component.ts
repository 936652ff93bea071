import { StackError } from './errors';

export const componentNames = ['postgres', 'kafka', 'registry'] as const;
export type ComponentName = (typeof componentNames)[number];

export interface ComponentStatus {
  readonly name: ComponentName;
  readonly pid: number | undefined;
  readonly healthy: boolean;
  readonly endpoint: string;
  readonly detail?: string;
}

/** One process of the local stack, owning its artifacts, data folder, pid and health probe. */
export interface Component {
  readonly name: ComponentName;
  readonly endpoint: string;
  /** Resolves artifacts, prepares data, starts the process and waits until it is healthy. */
  start(): Promise<'started' | 'already running'>;
  stop(): Promise<'stopped' | 'not running'>;
  status(): Promise<ComponentStatus>;
}

export function isComponentName(value: string): value is ComponentName {
  return (componentNames as readonly string[]).includes(value);
}

/** The component a CLI argument names, or a StackError listing the valid names. */
export function parseComponentName(value: string | undefined): ComponentName {
  if (value !== undefined && isComponentName(value)) return value;
  throw new StackError(
    `Unknown component "${value ?? ''}".`,
    `Use one of: ${componentNames.join(', ')}.`,
  );
}
