import { metricNamed, metricNames, metricProfiles, type MetricName } from './metrics';
import type { FieldProblem, Observation, Parsed } from './observation';

export interface ParseContext {
  /** The time the reading arrives, in epoch milliseconds; readings may not come from the future. */
  readonly now: number;
  /** Path of the reading inside the request, e.g. `observations[3]`; empty for a single one. */
  readonly path?: string;
}

export const observationLimits = {
  /** Clock skew tolerated between a source and the gateway. */
  maxFutureSkewMs: 5 * 60_000,
  maxSourceLength: 128,
  maxAttributes: 32,
  maxAttributeKeyLength: 64,
  maxAttributeValueLength: 256,
} as const;

const knownFields = [
  'source',
  'regionId',
  'metric',
  'value',
  'unit',
  'observedAt',
  'attributes',
  'confidence',
] as const;
const regionIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
// A zone is required: a local time without one means a different instant on every machine.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Validates one reading from untrusted JSON. Every problem is reported, each naming its field
 * and the reason, so a client fixes its input in one round trip.
 */
export function parseObservation(input: unknown, context: ParseContext): Parsed<Observation> {
  const prefix = context.path ?? '';
  const problems: FieldProblem[] = [];
  const problem = (field: string, reason: string) =>
    problems.push({ field: prefix ? `${prefix}.${field}` : field, reason });

  if (!isPlainObject(input)) {
    return {
      ok: false,
      problems: [
        { field: prefix || '(body)', reason: `must be a JSON object, not ${kindOf(input)}` },
      ],
    };
  }
  for (const field of Object.keys(input)) {
    if (!(knownFields as readonly string[]).includes(field)) {
      problem(field, `is not a known field (known: ${knownFields.join(', ')})`);
    }
  }

  const source = requiredString(input.source, 'source', problem);
  if (source !== undefined && source.length > observationLimits.maxSourceLength) {
    problem('source', `must be at most ${observationLimits.maxSourceLength} characters`);
  }
  const regionId = requiredString(input.regionId, 'regionId', problem);
  if (regionId !== undefined && !regionIdPattern.test(regionId)) {
    problem(
      'regionId',
      'must be 1 to 64 letters, digits or ". _ : -", starting with a letter or digit',
    );
  }
  const metric = parseMetric(input.metric, problem);
  const value = parseValue(input.value, metric, problem);
  const unit = parseUnit(input.unit, metric, problem);
  const observedAt = parseObservedAt(input.observedAt, context.now, problem);
  const attributes = parseAttributes(input.attributes, problem);
  const confidence = parseConfidence(input.confidence, problem);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      source: source!,
      regionId: regionId!,
      metric: metric!,
      value: value!,
      unit: unit!,
      observedAt: observedAt!,
      attributes: attributes!,
      confidence: confidence!,
    },
  };
}

type Report = (field: string, reason: string) => void;

function requiredString(value: unknown, field: string, problem: Report): string | undefined {
  if (value === undefined || value === null) return void problem(field, 'is required');
  if (typeof value !== 'string')
    return void problem(field, `must be a string, not ${kindOf(value)}`);
  if (value.trim() === '') return void problem(field, 'must not be empty');
  return value;
}

function parseMetric(value: unknown, problem: Report): MetricName | undefined {
  const name = requiredString(value, 'metric', problem);
  if (name === undefined) return undefined;
  const metric = metricNamed(name);
  if (!metric) {
    const known = metricNames.map((known) => known.toLowerCase()).join(', ');
    problem('metric', `"${name}" is not a known metric (known: ${known})`);
  }
  return metric;
}

function parseValue(
  value: unknown,
  metric: MetricName | undefined,
  problem: Report,
): number | undefined {
  if (value === undefined || value === null) return void problem('value', 'is required');
  if (typeof value !== 'number')
    return void problem('value', `must be a number, not ${kindOf(value)}`);
  if (!Number.isFinite(value)) return void problem('value', 'must be a finite number');
  if (metric) {
    const { min, max, unit } = metricProfiles[metric];
    if (value < min || value > max) {
      return void problem(
        'value',
        `${value} is out of range for ${metric.toLowerCase()} (${min} to ${max} ${unit})`,
      );
    }
  }
  return value;
}

function parseUnit(value: unknown, metric: MetricName | undefined, problem: Report) {
  const expected = metric ? metricProfiles[metric].unit : undefined;
  if (value === undefined || value === null) return expected;
  if (typeof value !== 'string')
    return void problem('unit', `must be a string, not ${kindOf(value)}`);
  if (expected !== undefined && value !== expected) {
    problem('unit', `must be "${expected}" for ${metric!.toLowerCase()}, not "${value}"`);
  }
  return value;
}

function parseObservedAt(value: unknown, now: number, problem: Report): number | undefined {
  let instant: number;
  if (value === undefined || value === null) return void problem('observedAt', 'is required');
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) {
      return void problem('observedAt', 'must be epoch milliseconds (a non-negative integer)');
    }
    instant = value;
  } else if (typeof value === 'string') {
    instant = isoInstant.test(value) && isRealDate(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(instant)) {
      return void problem(
        'observedAt',
        `"${value}" is not an ISO 8601 time with a zone, e.g. 2026-07-01T12:00:00Z`,
      );
    }
  } else {
    return void problem(
      'observedAt',
      `must be an ISO 8601 string or epoch milliseconds, not ${kindOf(value)}`,
    );
  }
  if (instant > now + observationLimits.maxFutureSkewMs) {
    return void problem(
      'observedAt',
      `${new Date(instant).toISOString()} is in the future (now ${new Date(now).toISOString()})`,
    );
  }
  return instant;
}

function parseAttributes(value: unknown, problem: Report): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    return void problem('attributes', `must be an object of strings, not ${kindOf(value)}`);
  }
  const entries = Object.entries(value);
  if (entries.length > observationLimits.maxAttributes) {
    return void problem(
      'attributes',
      `has ${entries.length} entries; at most ${observationLimits.maxAttributes} are allowed`,
    );
  }
  const attributes: Record<string, string> = {};
  for (const [key, entry] of entries) {
    if (key.length > observationLimits.maxAttributeKeyLength) {
      problem(
        `attributes.${key.slice(0, 16)}…`,
        `name is longer than ${observationLimits.maxAttributeKeyLength} characters`,
      );
    } else if (typeof entry !== 'string') {
      problem(`attributes.${key}`, `must be a string, not ${kindOf(entry)}`);
    } else if (entry.length > observationLimits.maxAttributeValueLength) {
      problem(
        `attributes.${key}`,
        `must be at most ${observationLimits.maxAttributeValueLength} characters`,
      );
    } else {
      attributes[key] = entry;
    }
  }
  return attributes;
}

function parseConfidence(value: unknown, problem: Report): number | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return void problem('confidence', `must be a number from 0 to 1, not ${kindOf(value)}`);
  }
  if (value < 0 || value > 1) return void problem('confidence', `${value} is not between 0 and 1`);
  return value;
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Date.parse rolls 2026-02-30 over into March; a reading with an impossible date is wrong.
 * Plain arithmetic: the gateway checks every reading it accepts.
 */
function isRealDate(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (daysInMonth[month - 1] as number));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a JSON value reads in an error message. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}
