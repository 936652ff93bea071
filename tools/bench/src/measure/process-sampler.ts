import fs from 'node:fs';

const clockTicksPerSecond = 100;

export interface ProcessUsage {
  readonly cpuMicros: number;
  readonly maxRssMb: number;
}

/**
 * CPU time and peak RSS of another process (the JVM of a Kafka tool), read from /proc every
 * 100 ms: the CPU time of the last sample before it exits, the largest peak RSS seen.
 */
export class ProcessSampler {
  private last: ProcessUsage | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  /** The latest sample, while it keeps sampling. */
  peek(): ProcessUsage | undefined {
    return this.last;
  }

  stop(): ProcessUsage | undefined {
    clearInterval(this.timer);
    return this.last;
  }

  private sample(): void {
    const usage = processUsage(this.pid);
    // The process has exited (or /proc is unavailable): keep the last sample.
    if (!usage) return;
    this.last = { ...usage, maxRssMb: Math.max(this.last?.maxRssMb ?? 0, usage.maxRssMb) };
  }
}

/** CPU time so far and peak RSS of process `pid`, read from /proc; undefined once it is gone. */
export function processUsage(pid: number): ProcessUsage | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    // A process on its way out may no longer report VmHWM.
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuMicros: (ticks / clockTicksPerSecond) * 1e6, maxRssMb: peakKb / 1024 };
  } catch {
    return undefined;
  }
}
