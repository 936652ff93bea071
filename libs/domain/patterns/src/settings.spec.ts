import { defaultDetectorSettings, detectorSettingsWith } from './settings';

describe('detectorSettingsWith', () => {
  it('applies overrides over the defaults', () => {
    expect(detectorSettingsWith({ quietMs: '1800000', anomalyZ: '2.5' })).toEqual({
      settings: { ...defaultDetectorSettings, quietMs: 1_800_000, anomalyZ: 2.5 },
    });
    expect(detectorSettingsWith({})).toEqual({ settings: defaultDetectorSettings });
    // Readings may be required to arrive in order.
    expect(detectorSettingsWith({ allowedLatenessMs: '0' })).toEqual({
      settings: { ...defaultDetectorSettings, allowedLatenessMs: 0 },
    });
  });

  it.each([
    [{ quietMinutes: '30' }, 'quietMinutes is not a detector setting (windowMs, '],
    [{ constructor: '1' }, 'constructor is not a detector setting'],
    [{ allowedLatenessMs: '-1' }, 'allowedLatenessMs: "-1" is not a number of at least 0'],
    [{ quietMs: 'an hour' }, 'quietMs: "an hour" is not a positive number'],
    [{ quietMs: '0' }, 'quietMs: "0" is not a positive number'],
    [{ anomalyZ: '-3' }, 'anomalyZ: "-3" is not a positive number'],
    [{ minPoints: '2.5' }, 'minPoints: "2.5" is not a whole number'],
    [{ sustainedShare: '80' }, 'sustainedShare: 80 is a share and must be at most 1'],
    [{ sustainMs: '36000000' }, 'sustainMs must not be longer than windowMs'],
    [{ baselineBucketMs: '360000000' }, 'baselineBucketMs must not be longer than baselineMs'],
    [{ minPoints: '1' }, 'minPoints must be at least 2: a trend is fitted on them'],
    [{ anomalyRecentPoints: '500' }, 'anomalyRecentPoints must not exceed maxWindowPoints'],
  ])('names what is wrong with %j', (overrides, problem) => {
    const result = detectorSettingsWith(overrides);
    expect('problems' in result && result.problems.join('\n')).toContain(problem);
  });

  it('names every bad entry at once', () => {
    const result = detectorSettingsWith({ quietMs: 'x', anomalyZ: 'y' });
    expect('problems' in result && result.problems).toHaveLength(2);
  });
});
