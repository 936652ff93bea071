import {
  parseConsumerPerformance,
  parseEndToEndLatency,
  parseProducerPerformance,
} from './tool-output';

describe('Kafka perf tool output', () => {
  it('reads the producer summary line', () => {
    const output =
      '12 records sent, 3.0 records/sec\n' +
      '50000 records sent, 41220.115416 records/sec (40.25 MB/sec), 217.41 ms avg latency, 349.00 ms max latency, 248 ms 50th, 282 ms 95th, 290 ms 99th, 292 ms 99.9th.\n';
    expect(parseProducerPerformance(output)).toEqual({
      records: 50000,
      recordsPerSecond: 41220.115416,
      latencyMs: { p50: 248, p99: 290, p999: 292 },
    });
  });

  it('reads the steady-state line when the run had a warm-up', () => {
    const output =
      'Warmup first 1000 records. Steady state results will print after the complete test summary.\n' +
      '3000 records sent, 991.4 records/sec (0.09 MB/sec), 2.33 ms avg latency, 299.00 ms max latency, 1 ms 50th, 9 ms 95th, 21 ms 99th, 22 ms 99.9th.\n' +
      '2000 steady state records sent, 983.2 records/sec (0.09 MB/sec), 0.97 ms avg latency, 6.00 ms max latency, 1 ms 50th, 3 ms 95th, 5 ms 99th, 6 ms 99.9th.\n';
    expect(parseProducerPerformance(output)).toEqual({
      records: 2000,
      recordsPerSecond: 983.2,
      latencyMs: { p50: 1, p99: 5, p999: 6 },
    });
  });

  it('reads the consumer result by column name, fetch time without the group join', () => {
    const output =
      'Warning: --messages is deprecated.\n' +
      'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n' +
      '2026-11-22 16:34:18:290, 2026-11-22 16:34:19:122, 48.8281, 58.6877, 50000, 60096.1538, 384, 448, 108.9914, 111607.1429\n';
    expect(parseConsumerPerformance(output)).toEqual({ records: 50000, fetchSeconds: 0.448 });
  });

  it('reads end-to-end percentiles', () => {
    expect(
      parseEndToEndLatency(
        'Avg latency: 2.4606 ms\nPercentiles: 50th = 1, 99th = 9, 99.9th = 19\n',
      ),
    ).toEqual({ p50: 1, p99: 9, p999: 19 });
  });

  it.each([
    ['producer', () => parseProducerPerformance('ERROR topic not found')],
    ['consumer', () => parseConsumerPerformance('ERROR')],
    ['end-to-end', () => parseEndToEndLatency('ERROR')],
  ])('names the %s tool and shows its output when there is no result', (_tool, parse) => {
    expect(parse).toThrow(/ERROR/);
  });
});
