/** How the detector looks at a series; times are event times, in milliseconds. */
export interface DetectorSettings {
  /** Recent readings kept raw, for thresholds and trends. */
  readonly windowMs: number;
  /** At most this many raw readings per series; older ones leave the window first. */
  readonly maxWindowPoints: number;
  /** History before the window, kept as hourly aggregates, that anomalies are measured against. */
  readonly baselineMs: number;
  readonly baselineBucketMs: number;
  /** A reading older than the series' latest by more than this is late and ignored. */
  readonly allowedLatenessMs: number;
  /** Exceedance counts as sustained over this span... */
  readonly sustainMs: number;
  /** ...when this share of its readings is at or above the hazard level... */
  readonly sustainedShare: number;
  /** ...and it has at least this many readings (also the least a trend is fitted on). */
  readonly minPoints: number;
  /** |z| of the latest readings against the baseline that makes an anomaly. */
  readonly anomalyZ: number;
  /**
   * Baseline buckets needed before anomalies are judged: a whole day, so the daily cycle is part
   * of the spread rather than an anomaly.
   */
  readonly minBaselineBuckets: number;
  /** Readings averaged into the value an anomaly is judged on, damping single outliers. */
  readonly anomalyRecentPoints: number;
  /** A trend rises at least this share of (max - hazard level) over the window... */
  readonly trendMinRise: number;
  /** ...with a fit at least this good (r squared)... */
  readonly trendMinFit: number;
  /** ...and heads for the hazard: its fitted latest value is this close (same scale) to it. */
  readonly trendApproach: number;
  /** A pattern's strength must move this much before a PatternEvolved is emitted. */
  readonly strengthStep: number;
  /** A pattern dissolves once its signal has been absent this long. */
  readonly quietMs: number;
  readonly maxEvidence: number;
}

const hour = 3_600_000;

export const defaultDetectorSettings: DetectorSettings = {
  windowMs: 6 * hour,
  maxWindowPoints: 240,
  baselineMs: 48 * hour,
  baselineBucketMs: hour,
  allowedLatenessMs: hour,
  sustainMs: 2 * hour,
  sustainedShare: 0.8,
  minPoints: 4,
  anomalyZ: 3,
  minBaselineBuckets: 24,
  anomalyRecentPoints: 3,
  trendMinRise: 0.3,
  trendMinFit: 0.6,
  trendApproach: 0.25,
  strengthStep: 0.15,
  quietMs: hour,
  maxEvidence: 20,
};

const wholeNumbers: ReadonlySet<keyof DetectorSettings> = new Set([
  'maxWindowPoints',
  'minPoints',
  'minBaselineBuckets',
  'anomalyRecentPoints',
  'maxEvidence',
]);
const shares: ReadonlySet<keyof DetectorSettings> = new Set([
  'sustainedShare',
  'trendMinFit',
  'strengthStep',
]);

/**
 * The default settings with `overrides` (setting name to its value as text) applied, or one
 * problem per bad entry: an unknown name, a value that is not a positive number (or a whole one,
 * or a share of at most 1, where the setting needs it), and settings that contradict each other.
 */
export function detectorSettingsWith(
  overrides: Readonly<Record<string, string>>,
): { readonly settings: DetectorSettings } | { readonly problems: readonly string[] } {
  const problems: string[] = [];
  const settings: Record<string, number> = { ...defaultDetectorSettings };
  for (const [name, text] of Object.entries(overrides)) {
    if (!Object.hasOwn(defaultDetectorSettings, name)) {
      problems.push(
        `${name} is not a detector setting (${Object.keys(defaultDetectorSettings).join(', ')})`,
      );
      continue;
    }
    const value = Number(text);
    const key = name as keyof DetectorSettings;
    const least = key === 'allowedLatenessMs' ? 0 : Number.MIN_VALUE;
    if (text.trim() === '' || !Number.isFinite(value) || value < least) {
      problems.push(
        `${name}: "${text}" is not a ${least === 0 ? 'number of at least 0' : 'positive number'}`,
      );
    } else if (wholeNumbers.has(key) && !Number.isInteger(value)) {
      problems.push(`${name}: "${text}" is not a whole number`);
    } else if (shares.has(key) && value > 1) {
      problems.push(`${name}: ${value} is a share and must be at most 1`);
    } else {
      settings[name] = value;
    }
  }
  if (problems.length > 0) return { problems };
  const checked = settings as unknown as DetectorSettings;
  const contradictions = [
    checked.sustainMs > checked.windowMs && 'sustainMs must not be longer than windowMs',
    checked.baselineBucketMs > checked.baselineMs &&
      'baselineBucketMs must not be longer than baselineMs',
    checked.minPoints < 2 && 'minPoints must be at least 2: a trend is fitted on them',
    checked.anomalyRecentPoints > checked.maxWindowPoints &&
      'anomalyRecentPoints must not exceed maxWindowPoints',
  ].filter((problem): problem is string => typeof problem === 'string');
  return contradictions.length > 0 ? { problems: contradictions } : { settings: checked };
}
