import {
  metricNamed,
  type FieldProblem,
  type MetricName,
  type Parsed,
} from '@fieldline/domain-observations';
import type { Channel, Condition, Subscription } from './subscription';

/** A subscription as a client asks for it: everything but the id the notifier gives it. */
export type SubscriptionDraft = Omit<Subscription, 'id'>;

const channels: readonly Channel[] = ['WEBHOOK', 'STREAM', 'EMAIL'];
const patternKinds = ['THRESHOLD_EXCEEDANCE', 'TREND', 'ANOMALY', 'CO_OCCURRENCE'] as const;
const patternPhases = ['EMERGING', 'STRENGTHENING', 'WEAKENING', 'DISSOLVED'] as const;
const relationshipKinds = ['CO_OCCURS', 'PRECEDES', 'SPATIAL_NEIGHBOUR', 'AMPLIFIES'] as const;
const hour = 3_600_000;

export const subscriptionDefaults = {
  dedupWindowMs: 24 * hour,
  rateLimit: { max: 60, perMs: hour },
  quietPeriodMs: 0,
} as const;

/** Validates a subscription from untrusted JSON, naming every field at fault. */
export function parseSubscription(input: unknown): Parsed<SubscriptionDraft> {
  const problems: FieldProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field, reason });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ field: '(body)', reason: 'must be a JSON object' }] };
  }
  const body = input as Record<string, unknown>;
  const name =
    typeof body['name'] === 'string' && body['name'].trim() ? body['name'].trim() : undefined;
  if (!name) problem('name', 'is required: a non-empty string');
  const channel =
    typeof body['channel'] === 'string' ? (body['channel'].toUpperCase() as Channel) : undefined;
  if (!channel || !channels.includes(channel))
    problem('channel', `must be one of ${channels.join(', ').toLowerCase()}`);
  const target = typeof body['target'] === 'string' ? body['target'].trim() : undefined;
  if (!target) problem('target', 'is required: the webhook URL, e-mail address or stream name');
  else if (channel === 'WEBHOOK' && !isHttpUrl(target))
    problem('target', `"${target}" is not an http(s) URL`);
  else if (channel === 'EMAIL' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(target))
    problem('target', `"${target}" is not an e-mail address`);
  else if (channel === 'STREAM' && !/^[A-Za-z0-9._-]{1,64}$/.test(target))
    problem('target', 'a stream name is 1 to 64 letters, digits or ". _ -"');
  const conditions = parseConditions(body['conditions'], problem);
  const regionIds = body['regionIds'] ?? [];
  if (!Array.isArray(regionIds) || regionIds.some((id) => typeof id !== 'string'))
    problem('regionIds', 'must be an array of region ids');
  const dedupWindowMs = positive(
    body['dedupWindowMs'],
    'dedupWindowMs',
    subscriptionDefaults.dedupWindowMs,
    problem,
  );
  const quietPeriodMs = positive(
    body['quietPeriodMs'],
    'quietPeriodMs',
    subscriptionDefaults.quietPeriodMs,
    problem,
    true,
  );
  const rate = (body['rateLimit'] ?? {}) as Record<string, unknown>;
  const rateLimit = {
    max: positive(rate['max'], 'rateLimit.max', subscriptionDefaults.rateLimit.max, problem),
    perMs: positive(
      rate['perMs'],
      'rateLimit.perMs',
      subscriptionDefaults.rateLimit.perMs,
      problem,
    ),
  };
  const known = [
    'name',
    'channel',
    'target',
    'conditions',
    'regionIds',
    'dedupWindowMs',
    'quietPeriodMs',
    'rateLimit',
  ];
  for (const field of Object.keys(body))
    if (!known.includes(field)) problem(field, `is not a known field (known: ${known.join(', ')})`);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: name!,
      channel: channel!,
      target: target!,
      conditions,
      regionIds: regionIds as string[],
      dedupWindowMs,
      rateLimit,
      quietPeriodMs,
    },
  };
}

type Report = (field: string, reason: string) => void;

function parseConditions(value: unknown, problem: Report): Condition[] {
  if (!Array.isArray(value) || value.length === 0) {
    problem('conditions', 'must be a non-empty array of conditions');
    return [];
  }
  return value.flatMap((raw, index): Condition[] => {
    const at = `conditions[${index}]`;
    const condition = (raw ?? {}) as Record<string, unknown>;
    const minimum = (field: string) => {
      const number = condition[field];
      if (number === undefined) return undefined;
      if (typeof number !== 'number' || number < 0 || number > 1) {
        problem(`${at}.${field}`, 'must be a number from 0 to 1');
        return undefined;
      }
      return number;
    };
    switch (condition['on']) {
      case 'pattern': {
        const kinds = symbols(condition['kinds'], patternKinds, `${at}.kinds`, problem);
        const phases = symbols(condition['phases'], patternPhases, `${at}.phases`, problem);
        const metrics = metricList(condition['metrics'], `${at}.metrics`, problem);
        const minStrength = minimum('minStrength');
        return [
          {
            on: 'pattern',
            ...(kinds && { kinds }),
            ...(phases && { phases }),
            ...(metrics && { metrics }),
            ...(minStrength !== undefined && { minStrength }),
          },
        ];
      }
      case 'field-state': {
        const dimension =
          typeof condition['dimension'] === 'string'
            ? metricNamed(condition['dimension'])
            : undefined;
        if (!dimension) problem(`${at}.dimension`, 'must name a metric, e.g. heat_index');
        const minScore = minimum('minScore');
        if (minScore === undefined) problem(`${at}.minScore`, 'is required: a number from 0 to 1');
        return dimension && minScore !== undefined
          ? [{ on: 'field-state', dimension, minScore }]
          : [];
      }
      case 'relationship': {
        const kinds = symbols(condition['kinds'], relationshipKinds, `${at}.kinds`, problem);
        const minStrength = minimum('minStrength');
        return [
          {
            on: 'relationship',
            ...(kinds && { kinds }),
            ...(minStrength !== undefined && { minStrength }),
          },
        ];
      }
      default:
        problem(`${at}.on`, 'must be "pattern", "field-state" or "relationship"');
        return [];
    }
  });
}

function symbols<S extends string>(
  value: unknown,
  allowed: readonly S[],
  field: string,
  problem: Report,
): S[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value)
    ? value.map((item) => (typeof item === 'string' ? item.toUpperCase() : item))
    : undefined;
  const wrong = list?.filter((item) => !allowed.includes(item as S));
  if (!list || wrong!.length > 0) {
    problem(
      field,
      `must be an array of ${allowed.join(', ').toLowerCase()}${wrong?.length ? `; not ${wrong.join(', ')}` : ''}`,
    );
    return undefined;
  }
  return list as S[];
}

function metricList(value: unknown, field: string, problem: Report): MetricName[] | undefined {
  if (value === undefined) return undefined;
  const metrics = Array.isArray(value)
    ? value.map((item) => (typeof item === 'string' ? metricNamed(item) : undefined))
    : [undefined];
  if (metrics.some((metric) => metric === undefined)) {
    problem(field, 'must be an array of metrics, e.g. ["heat_index", "drought_index"]');
    return undefined;
  }
  return metrics as MetricName[];
}

function positive(
  value: unknown,
  field: string,
  fallback: number,
  problem: Report,
  zeroAllowed = false,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) {
    problem(field, `must be a whole number ${zeroAllowed ? 'of at least 0' : 'above 0'}`);
    return fallback;
  }
  return value;
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
