import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { CellResult } from '../cells/cell-spec';

interface HttpRequestMessage {
  readonly request: { readonly host?: string; getHeader(name: string): unknown };
}

/**
 * The measured part of a cell: CPU time, event-loop delay and the registry requests made
 * between `start()` and `stop()`. Set-up (connecting, joining, warming caches) stays outside.
 */
export class MeasuredWindow {
  private startedAt = 0;
  private cpuAtStart: NodeJS.CpuUsage | undefined;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private httpRequests = 0;
  private readonly countRequest = (message: unknown) => {
    const { request } = message as HttpRequestMessage;
    if (String(request.getHeader('host') ?? request.host ?? '').endsWith(this.registryHost)) {
      this.httpRequests += 1;
    }
  };

  constructor(private readonly registryHost: string) {}

  get started(): boolean {
    return this.cpuAtStart !== undefined;
  }

  start(): void {
    if (this.started) return;
    subscribe('http.client.request.start', this.countRequest);
    this.loopDelay.enable();
    this.cpuAtStart = process.cpuUsage();
    this.startedAt = performance.now();
  }

  stop(records: number, valueBytes: number, extra: Partial<CellResult> = {}): CellResult {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cpu = process.cpuUsage(this.cpuAtStart);
    this.loopDelay.disable();
    unsubscribe('http.client.request.start', this.countRequest);
    return {
      records,
      valueBytes,
      seconds,
      cpuMicros: cpu.user + cpu.system,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      eventLoopDelayP99Ms: this.loopDelay.percentile(99) / 1e6,
      registryCalls: this.httpRequests,
      ...extra,
    };
  }
}
