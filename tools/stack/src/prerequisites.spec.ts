import { javaMajorVersion } from './prerequisites';

describe('javaMajorVersion', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
    ['no version here', undefined],
  ])('reads %s as %s', (text, major) => {
    expect(javaMajorVersion(text)).toBe(major);
  });
});
