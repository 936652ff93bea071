import type { Stack } from '../stack';

export async function printStatus(stack: Stack): Promise<boolean> {
  const statuses = await stack.status();
  for (const status of statuses) {
    const state = status.pid === undefined ? 'stopped' : status.healthy ? 'healthy' : 'unhealthy';
    const pid = status.pid === undefined ? '' : `pid ${status.pid}`;
    process.stdout.write(
      `${status.name.padEnd(9)} ${state.padEnd(10)} ${pid.padEnd(11)} ${status.endpoint}\n`,
    );
  }
  return statuses.every((status) => status.healthy);
}
