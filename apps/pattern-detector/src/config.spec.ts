import { defaultDetectorSettings } from '@fieldline/domain-patterns';
import { readConfig } from '@fieldline/shared-config';
import { detectorSettings } from './config';

describe('the pattern detector configuration', () => {
  it('uses the domain defaults unless PATTERN_DETECTOR_SETTINGS overrides some', () => {
    expect(readConfig(detectorSettings, {}).detection).toEqual(defaultDetectorSettings);
    const config = readConfig(detectorSettings, {
      PATTERN_DETECTOR_SETTINGS: 'quietMs=1800000, anomalyZ=2.5',
    });
    expect(config.detection).toMatchObject({
      quietMs: 1_800_000,
      anomalyZ: 2.5,
      windowMs: 21_600_000,
    });
  });

  it('refuses to start on a bad detector setting, naming the variable and the setting', () => {
    expect(() =>
      readConfig(detectorSettings, { PATTERN_DETECTOR_SETTINGS: 'quietMs=soon,anomalyZ=2.5' }),
    ).toThrow(/PATTERN_DETECTOR_SETTINGS: quietMs: "soon" is not a positive number/);
    expect(() => readConfig(detectorSettings, { PATTERN_DETECTOR_SETTINGS: 'quietMs' })).toThrow(
      /PATTERN_DETECTOR_SETTINGS: entry 1 is not name=value/,
    );
  });
});
