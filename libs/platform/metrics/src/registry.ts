import { LocalHistogram, type HistogramDescriptor } from './local-histogram';

const histograms = new Map<string, LocalHistogram>();

/**
 * The process's local histogram for `descriptor` (one per scope and name, made on first use),
 * as `meter.createHistogram` gives one instrument per name.
 */
export function localHistogram(descriptor: HistogramDescriptor): LocalHistogram {
  const key = `${descriptor.scope}\u0000${descriptor.name}`;
  let histogram = histograms.get(key);
  if (!histogram) {
    histogram = new LocalHistogram(descriptor);
    histograms.set(key, histogram);
  }
  return histogram;
}

/** Every local histogram of the process, for the telemetry SDK to report. */
export function localHistograms(): readonly LocalHistogram[] {
  return [...histograms.values()];
}
