export { PatternDetector } from './pattern-detector';
export type { Observed, Reading, RegionSnapshot } from './pattern-detector';
export type { PatternChange, PatternKind, PatternPhase, PatternState } from './pattern';
export type { ActivePattern } from './lifecycle';
export type { Bucket, Point, SeriesSnapshot } from './series-window';
export { defaultDetectorSettings, detectorSettingsWith } from './settings';
export type { DetectorSettings } from './settings';
