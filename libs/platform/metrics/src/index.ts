export { HistogramCell, LocalHistogram } from './local-histogram';
export type { HistogramDescriptor, HistogramPoint } from './local-histogram';
export { localHistogram, localHistograms } from './registry';
