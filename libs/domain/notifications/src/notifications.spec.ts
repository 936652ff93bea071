import { decide } from './delivery-policy';
import { matchSubscription } from './match';
import type { Notifiable } from './notifiable';
import { parseSubscription } from './parse-subscription';
import type { Subscription } from './subscription';

const hour = 3_600_000;
const subscription = (patch: Partial<Subscription>): Subscription => ({
  id: 's1',
  name: 'wildfire watch',
  channel: 'WEBHOOK',
  target: 'https://example.test/hook',
  conditions: [],
  regionIds: [],
  dedupWindowMs: 24 * hour,
  rateLimit: { max: 10, perMs: hour },
  quietPeriodMs: 0,
  ...patch,
});
const pattern: Notifiable = {
  on: 'pattern',
  eventId: 'e1',
  at: 0,
  patternId: 'p1',
  regionId: 'r-02-02',
  kind: 'THRESHOLD_EXCEEDANCE',
  metrics: ['HEAT_INDEX'],
  phase: 'EMERGING',
  strength: 0.6,
};
const fieldState: Notifiable = {
  on: 'field-state',
  eventId: 'e2',
  at: 0,
  regionId: 'r-02-02',
  version: 3,
  scores: { HEAT_INDEX: 0.7 },
};
const relationship: Notifiable = {
  on: 'relationship',
  eventId: 'e3',
  at: 0,
  relationshipId: 'rel-1',
  kind: 'AMPLIFIES',
  regionIds: ['r-02-02', 'r-02-03'],
  strength: 0.9,
  formed: true,
};

describe('matchSubscription', () => {
  it.each([
    [
      'a pattern of a watched metric',
      [{ on: 'pattern', metrics: ['HEAT_INDEX'] }],
      pattern,
      'pattern:p1',
    ],
    ['a pattern strong enough', [{ on: 'pattern', minStrength: 0.5 }], pattern, 'pattern:p1'],
    [
      'a field-state dimension over its score',
      [{ on: 'field-state', dimension: 'HEAT_INDEX', minScore: 0.5 }],
      fieldState,
      'field-state:r-02-02:HEAT_INDEX',
    ],
    [
      'a relationship of a watched kind',
      [{ on: 'relationship', kinds: ['AMPLIFIES'] }],
      relationship,
      'relationship:AMPLIFIES:r-02-02+r-02-03',
    ],
    [
      'any of several conditions',
      [{ on: 'field-state', dimension: 'FLOOD_RISK', minScore: 0.1 }, { on: 'pattern' }],
      pattern,
      'pattern:p1',
    ],
  ] as const)('matches %s', (_case, conditions, event, dedupKey) => {
    expect(matchSubscription(subscription({ conditions }), event)?.dedupKey).toBe(dedupKey);
  });

  it.each([
    ['a pattern of another metric', [{ on: 'pattern', metrics: ['FLOOD_RISK'] }], pattern],
    ['a pattern too weak', [{ on: 'pattern', minStrength: 0.7 }], pattern],
    [
      'a dissolved pattern unless asked for',
      [{ on: 'pattern' }],
      { ...pattern, phase: 'DISSOLVED' },
    ],
    [
      'a field-state dimension under its score',
      [{ on: 'field-state', dimension: 'HEAT_INDEX', minScore: 0.8 }],
      fieldState,
    ],
    [
      'a relationship changing rather than forming',
      [{ on: 'relationship' }],
      { ...relationship, formed: false },
    ],
    ['an event of another sort', [{ on: 'relationship' }], pattern],
  ] as const)('does not match %s', (_case, conditions, event) => {
    expect(matchSubscription(subscription({ conditions }), event as Notifiable)).toBeUndefined();
  });

  it('keeps to its regions; a relationship counts for both of its regions', () => {
    const there = subscription({ conditions: [{ on: 'relationship' }], regionIds: ['r-02-03'] });
    expect(matchSubscription(there, relationship)).toBeDefined();
    expect(matchSubscription({ ...there, regionIds: ['r-09-09'] }, relationship)).toBeUndefined();
  });

  it('grades severity by strength and says what happened where', () => {
    const match = matchSubscription(
      subscription({ conditions: [{ on: 'relationship' }] }),
      relationship,
    )!;
    expect(match.severity).toBe('CRITICAL');
    expect(match.title).toBe('amplifies between patterns in r-02-02 and r-02-03');
  });
});

describe('decide', () => {
  const history = { lastSentForKey: undefined, lastSentAt: undefined, sentInWindow: 0 };
  it.each([
    ['a first notification', subscription({}), history, 'send'],
    [
      'the same key within the dedup window',
      subscription({}),
      { ...history, lastSentForKey: -hour },
      'duplicate',
    ],
    [
      'the same key after the dedup window',
      subscription({}),
      { ...history, lastSentForKey: -25 * hour },
      'send',
    ],
    [
      'anything within the quiet period',
      subscription({ quietPeriodMs: 2 * hour }),
      { ...history, lastSentAt: -hour },
      'quiet',
    ],
    ['one past the rate limit', subscription({}), { ...history, sentInWindow: 10 }, 'rate-limited'],
  ])('%s: %s', (_case, sub, past, decision) => {
    expect(decide(sub, past, 0)).toBe(decision);
  });
});

describe('parseSubscription', () => {
  const valid = {
    name: 'wildfire watch',
    channel: 'webhook',
    target: 'http://127.0.0.1:9000/hook',
    conditions: [{ on: 'relationship', kinds: ['amplifies'] }],
  };

  it('accepts a subscription and fills in the defaults', () => {
    const parsed = parseSubscription(valid);
    expect(parsed.ok && parsed.value).toMatchObject({
      channel: 'WEBHOOK',
      conditions: [{ on: 'relationship', kinds: ['AMPLIFIES'] }],
      regionIds: [],
      rateLimit: { max: 60, perMs: 3_600_000 },
    });
  });

  it.each([
    [{ channel: 'pager' }, 'channel', 'must be one of webhook, stream, email'],
    [{ target: 'not a url' }, 'target', 'is not an http(s) URL'],
    [{ channel: 'email', target: 'nobody' }, 'target', 'is not an e-mail address'],
    [{ conditions: [] }, 'conditions', 'must be a non-empty array'],
    [{ conditions: [{ on: 'weather' }] }, 'conditions[0].on', 'must be "pattern"'],
    [{ conditions: [{ on: 'pattern', kinds: ['tornado'] }] }, 'conditions[0].kinds', 'not TORNADO'],
    [
      { conditions: [{ on: 'field-state', dimension: 'rain', minScore: 0.5 }] },
      'conditions[0].dimension',
      'must name a metric',
    ],
    [
      { conditions: [{ on: 'pattern', minStrength: 2 }] },
      'conditions[0].minStrength',
      'from 0 to 1',
    ],
    [{ rateLimit: { max: 0 } }, 'rateLimit.max', 'above 0'],
    [{ colour: 'red' }, 'colour', 'is not a known field'],
  ])('rejects %j, naming the field', (change, field, reason) => {
    const parsed = parseSubscription({ ...valid, ...change });
    expect(!parsed.ok && parsed.problems).toEqual(
      expect.arrayContaining([{ field, reason: expect.stringContaining(reason) }]),
    );
  });
});
