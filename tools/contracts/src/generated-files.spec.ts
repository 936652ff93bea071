import { generateContracts, staleFiles } from './generate';

describe('generated contract files', () => {
  it('are committed and up to date with schemas/ (run `npm run contracts:generate` if this fails)', () => {
    expect(staleFiles()).toEqual([]);
  });

  it('start with a do-not-edit header', () => {
    for (const [file, content] of generateContracts()) {
      expect(`${file}: ${content.split('\n').slice(0, 3).join(' ')}`).toMatch(/Do not edit/);
    }
  });
});
