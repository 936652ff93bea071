import type { PatternEvolved } from '@fieldline/contracts';
import { matchSubscription, type Subscription } from '@fieldline/domain-notifications';
import { patternNotifiable } from './notifiable-events';

const hour = 3_600_000;
const heatWatch: Subscription = {
  id: 's1',
  name: 'heat watch',
  channel: 'WEBHOOK',
  target: 'https://example.test/hook',
  conditions: [{ on: 'pattern', metrics: ['HEAT_INDEX'], minStrength: 0.5 }],
  regionIds: [],
  dedupWindowMs: 24 * hour,
  rateLimit: { max: 10, perMs: hour },
  quietPeriodMs: 0,
};
const strengthened: PatternEvolved = {
  envelope: {
    eventId: 'e2',
    eventType: 'dev.fieldline.patterns.PatternEvolved',
    schemaVersion: 2,
    occurredAt: 7_000,
    producer: 'pattern-detector',
    correlationId: 'c',
    causationId: 'e1',
  },
  patternId: 'p1',
  regionId: 'r-01-01',
  kind: 'THRESHOLD_EXCEEDANCE',
  metrics: ['HEAT_INDEX'],
  previousPhase: 'EMERGING',
  phase: 'STRENGTHENING',
  strength: 0.8,
  confidence: 0.9,
  window: { start: 0, end: 7_001 },
  evidenceIds: [],
};

describe('pattern events as the notifier matches them', () => {
  it('match a metric-filtered subscription when a pattern of that metric evolves', () => {
    const match = matchSubscription(heatWatch, patternNotifiable(strengthened)!);
    expect(match).toMatchObject({
      dedupKey: 'pattern:p1',
      title: 'threshold exceedance of heat index in r-01-01',
    });
  });

  it('do not match it for an evolution of another metric', () => {
    const drought = { ...strengthened, metrics: ['DROUGHT_INDEX' as const] };
    expect(matchSubscription(heatWatch, patternNotifiable(drought)!)).toBeUndefined();
  });
});
