import { StackError } from './errors';
import { readStackSettings } from './settings';

describe('readStackSettings', () => {
  it('uses the documented default ports when nothing is set', () => {
    const settings = readStackSettings({});
    expect(settings).toMatchObject({ kafkaPort: 19092, registryPort: 18081, postgresPort: 15432 });
    expect(settings.home).toMatch(/\.fieldline$/);
  });

  it('takes ports and the data folder from the environment', () => {
    const settings = readStackSettings({
      FIELDLINE_KAFKA_PORT: '29092',
      FIELDLINE_HOME: '/tmp/fl',
    });
    expect(settings.kafkaPort).toBe(29092);
    expect(settings.home).toBe('/tmp/fl');
  });

  it('names every bad variable and its value in one error', () => {
    const read = () =>
      readStackSettings({ FIELDLINE_KAFKA_PORT: 'abc', FIELDLINE_POSTGRES_PORT: '80' });
    expect(read).toThrow(StackError);
    expect(read).toThrow(/FIELDLINE_KAFKA_PORT="abc".*FIELDLINE_POSTGRES_PORT="80"/);
  });
});
