import { StackError } from './errors';
import { isPortFree } from './ports';

/** Fails with a clear message when a port the stack needs is taken by someone else. */
export async function requireFreePorts(
  component: string,
  ports: readonly { port: number; variable: string }[],
): Promise<void> {
  for (const { port, variable } of ports) {
    if (!(await isPortFree(port))) {
      throw new StackError(
        `Port ${port} (${component}) is already in use by a process this stack did not start.`,
        `Stop that process, or set ${variable} to a free port.`,
      );
    }
  }
}
