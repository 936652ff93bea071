import path from 'node:path';
import { StackError } from './errors';

/** Where the local stack listens and keeps its data; read once from the environment. */
export interface StackSettings {
  readonly repoRoot: string;
  readonly home: string;
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  /** The broker's SASL listener (PLAIN and SCRAM-SHA-512, user localSaslUser). */
  readonly kafkaSaslPort: number;
  readonly registryPort: number;
  readonly postgresPort: number;
  readonly javaHome: string | undefined;
  readonly postgresBinDir: string | undefined;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');

const portVariables = {
  kafkaPort: ['FIELDLINE_KAFKA_PORT', 19092],
  kafkaControllerPort: ['FIELDLINE_KAFKA_CONTROLLER_PORT', 19093],
  kafkaSaslPort: ['FIELDLINE_KAFKA_SASL_PORT', 19094],
  registryPort: ['FIELDLINE_REGISTRY_PORT', 18081],
  postgresPort: ['FIELDLINE_POSTGRES_PORT', 15432],
} as const;

type PortName = keyof typeof portVariables;

export function readStackSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  const problems: string[] = [];
  const ports = {} as Record<PortName, number>;
  for (const [name, [variable, fallback]] of Object.entries(portVariables) as [
    PortName,
    readonly [string, number],
  ][]) {
    const raw = env[variable];
    if (raw === undefined || raw === '') {
      ports[name] = fallback;
      continue;
    }
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1024 || port > 65535) {
      problems.push(`${variable}="${raw}" is not a port number between 1024 and 65535`);
    }
    ports[name] = port;
  }
  if (problems.length > 0) {
    throw new StackError(problems.join('; '), 'Fix or unset the variables named above.');
  }
  return {
    repoRoot,
    home: path.resolve(env['FIELDLINE_HOME'] ?? path.join(repoRoot, '.fieldline')),
    ...ports,
    javaHome: env['JAVA_HOME'] || undefined,
    postgresBinDir: env['FIELDLINE_PG_BIN'] || undefined,
  };
}
