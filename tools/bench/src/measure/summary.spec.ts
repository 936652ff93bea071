import { ratio, summarise } from './summary';

describe('summarise', () => {
  it.each([
    [[3], { median: 3, min: 3, max: 3, samples: 1 }],
    [[5, 1, 3], { median: 3, min: 1, max: 5, samples: 3 }],
    [[4, 1, 3, 2], { median: 2.5, min: 1, max: 4, samples: 4 }],
    [[2, Number.NaN, 4], { median: 3, min: 2, max: 4, samples: 2 }],
  ])('summarises %j', (values, expected) => {
    expect(summarise(values)).toEqual(expected);
  });

  it('has nothing to say about no measurements', () => {
    expect(summarise([])).toBeUndefined();
    expect(summarise([Number.NaN])).toBeUndefined();
  });
});

describe('ratio', () => {
  it('divides medians and is undefined when a side is missing', () => {
    expect(ratio(summarise([9, 10, 11]), summarise([20]))).toBe(0.5);
    expect(ratio(undefined, summarise([1]))).toBeUndefined();
    expect(ratio(summarise([1]), summarise([0]))).toBeUndefined();
  });
});
