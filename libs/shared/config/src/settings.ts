import { readFileSync } from 'node:fs';
import { FieldlineError } from '@fieldline/shared-errors';

/** One environment variable: its name, and how its text becomes a value or a problem. */
export interface Setting<T> {
  readonly variable: string;
  read(raw: string | undefined): { readonly value: T } | { readonly problem: string };
}

export type ConfigValues<S> = {
  readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

/**
 * Reads every setting from the environment at once. A start-up with bad configuration fails
 * with one line per bad variable, naming it, what it holds and what it should hold.
 */
export function readConfig<S extends Record<string, Setting<unknown>>>(
  settings: S,
  env: NodeJS.ProcessEnv = process.env,
): ConfigValues<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, setting] of Object.entries(settings)) {
    const raw = env[setting.variable]?.trim();
    const read = setting.read(raw === '' ? undefined : raw);
    if ('problem' in read) problems.push(`${setting.variable}: ${read.problem}`);
    else values[key] = read.value;
  }
  if (problems.length > 0) throw invalidConfiguration(problems);
  return values as ConfigValues<S>;
}

/** CONFIG_INVALID with one line per problem, each naming its variable. */
export function invalidConfiguration(problems: readonly string[]): FieldlineError {
  return new FieldlineError('CONFIG_INVALID', `Invalid configuration:\n  ${problems.join('\n  ')}`);
}

interface Options<T> {
  /** Used when the variable is unset; without one the variable is required. */
  readonly default?: T;
}

function setting<T>(
  variable: string,
  options: Options<T>,
  parse: (raw: string) => { value: T } | { problem: string },
): Setting<T> {
  return {
    variable,
    read(raw) {
      if (raw === undefined) {
        return options.default === undefined
          ? { problem: 'is required' }
          : { value: options.default };
      }
      return parse(raw);
    },
  };
}

export function text(variable: string, options: Options<string> = {}): Setting<string> {
  return setting<string>(variable, options, (raw) => ({ value: raw }));
}

export function integer(
  variable: string,
  options: Options<number> & { readonly min?: number; readonly max?: number } = {},
): Setting<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  return setting<number>(variable, options, (raw) => {
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
      return { problem: `"${raw}" is not a whole number` };
    }
    if (value < min || value > max) return { problem: `${value} is not between ${min} and ${max}` };
    return { value };
  });
}

/** A comma-separated list with at least one entry, e.g. KAFKA_BROKERS=host1:9092,host2:9092. */
export function list(variable: string, options: Options<string[]> = {}): Setting<string[]> {
  return setting<string[]>(variable, options, (raw) => {
    const entries = raw.split(',').map((entry) => entry.trim());
    if (entries.some((entry) => entry === '')) {
      return { problem: `"${raw}" has an empty entry; separate entries with single commas` };
    }
    return { value: entries };
  });
}

export function url(variable: string, options: Options<string> = {}): Setting<string> {
  return setting<string>(variable, options, (raw) => {
    try {
      const parsed = new URL(raw);
      if (!['http:', 'https:', 'postgres:', 'postgresql:'].includes(parsed.protocol)) {
        return { problem: `"${raw}" is not an http(s) or postgres URL` };
      }
      return { value: raw };
    } catch {
      return { problem: `"${raw}" is not a URL` };
    }
  });
}

/**
 * `name=value` pairs separated by commas, e.g. WEBHOOK_SECRETS=generic=s1,stationhub=s2. Values
 * are never echoed in a problem: they are often secrets.
 */
export function pairs(
  variable: string,
  options: Options<Record<string, string>> = {},
): Setting<Record<string, string>> {
  return setting<Record<string, string>>(variable, options, (raw) => {
    const value: Record<string, string> = {};
    for (const [index, entry] of raw.split(',').entries()) {
      const separator = entry.indexOf('=');
      const name = entry.slice(0, separator).trim();
      if (separator <= 0 || name === '' || entry.slice(separator + 1).trim() === '') {
        return { problem: `entry ${index + 1} is not name=value` };
      }
      value[name] = entry.slice(separator + 1).trim();
    }
    return { value };
  });
}

/** One of a fixed set of words, e.g. KAFKA_SASL_MECHANISM=scram-sha-512. */
export function oneOf<T extends string>(
  variable: string,
  choices: readonly T[],
  options: Options<T> = {},
): Setting<T> {
  return setting<T>(variable, options, (raw) =>
    (choices as readonly string[]).includes(raw)
      ? { value: raw as T }
      : { problem: `"${raw}" is not one of ${choices.join(', ')}` },
  );
}

/** `true` or `false`. */
export function flag(variable: string, options: Options<boolean> = {}): Setting<boolean> {
  return setting<boolean>(variable, options, (raw) =>
    raw === 'true' || raw === 'false'
      ? { value: raw === 'true' }
      : { problem: `"${raw}" is not true or false` },
  );
}

/**
 * The contents of the file a variable names (a mounted certificate, say); `undefined` when the
 * variable is unset. A file that cannot be read is a problem naming the path and the reason.
 */
export function fileContents(variable: string): Setting<string | undefined> {
  return {
    variable,
    read(raw) {
      if (raw === undefined) return { value: undefined };
      try {
        return { value: readFileSync(raw, 'utf8') };
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? String(error);
        return { problem: `cannot read "${raw}" (${reason})` };
      }
    },
  };
}
