import fs from 'node:fs';
import path from 'node:path';
import { ensureRegistryDistribution } from '../artifacts';
import type { Component, ComponentStatus } from '../component';
import type { StackContext } from '../context';
import { runningJavaPid, startJavaProcess, stopJavaProcess } from '../java-process';
import { requireFreePorts } from '../ownership';
import { localDatabasePassword, localDatabaseUser } from './postgres';

const name = 'registry';

/** The Confluent-compatible API of Apicurio Registry; clients use this as their registry URL. */
export function registryUrl(ctx: StackContext): string {
  return `http://127.0.0.1:${ctx.settings.registryPort}/apis/ccompat/v7`;
}

async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

function runnerJar(distribution: string): string {
  const jar = fs.readdirSync(distribution).find((file) => file.endsWith('-runner.jar'));
  if (jar) return path.join(distribution, jar);
  const fastJar = path.join(distribution, 'quarkus-run.jar');
  if (fs.existsSync(fastJar)) return fastJar;
  throw new Error(`no runnable jar in ${distribution}`);
}

export function registryComponent(ctx: StackContext): Component {
  const endpoint = registryUrl(ctx);
  const { registryPort, postgresPort } = ctx.settings;
  const probe = async () =>
    (await httpOk(`http://127.0.0.1:${registryPort}/health/ready`)) &&
    (await httpOk(`${endpoint}/subjects`));

  /**
   * Confluent's registry defaults to BACKWARD compatibility, Apicurio's ccompat API to NONE.
   * Set BACKWARD once, on a new registry, so a later deliberate change is never overwritten.
   */
  const applyDefaultsOnce = async () => {
    const marker = path.join(ctx.layout.dataDir(name), 'defaults-applied');
    if (fs.existsSync(marker)) return;
    const response = await fetch(`${endpoint}/config`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
    });
    if (!response.ok)
      throw new Error(`setting BACKWARD compatibility failed: HTTP ${response.status}`);
    fs.writeFileSync(marker, new Date().toISOString());
  };

  return {
    name,
    endpoint,
    async start() {
      if (runningJavaPid(ctx, name) !== undefined) return 'already running';
      const distribution = await ensureRegistryDistribution(ctx);
      await requireFreePorts(name, [{ port: registryPort, variable: 'FIELDLINE_REGISTRY_PORT' }]);
      fs.mkdirSync(ctx.layout.dataDir(name), { recursive: true });
      await startJavaProcess(ctx, {
        component: name,
        jvmArgs: ['-Xms128m', '-Xmx512m', '-Djava.awt.headless=true'],
        mainArgs: ['-jar', runnerJar(distribution)],
        cwd: ctx.layout.dataDir(name),
        env: {
          QUARKUS_HTTP_HOST: '127.0.0.1',
          QUARKUS_HTTP_PORT: String(registryPort),
          // Health stays on the API port instead of a separate 0.0.0.0:9000 interface.
          QUARKUS_MANAGEMENT_ENABLED: 'false',
          QUARKUS_OTEL_SDK_DISABLED: 'true',
          // Schemas live in the stack's PostgreSQL, so ids survive registry restarts.
          APICURIO_STORAGE_KIND: 'sql',
          APICURIO_STORAGE_SQL_KIND: 'postgresql',
          APICURIO_DATASOURCE_URL: `jdbc:postgresql://127.0.0.1:${postgresPort}/registry`,
          APICURIO_DATASOURCE_USERNAME: localDatabaseUser,
          APICURIO_DATASOURCE_PASSWORD: localDatabasePassword,
          APICURIO_DATASOURCE_JDBC_INITIAL_SIZE: '2',
          APICURIO_DATASOURCE_JDBC_MIN_SIZE: '2',
          APICURIO_DATASOURCE_JDBC_MAX_SIZE: '20',
        },
        readyTimeoutMs: 120_000,
        probe,
      });
      await applyDefaultsOnce();
      return 'started';
    },
    stop: () => stopJavaProcess(ctx, name),
    async status(): Promise<ComponentStatus> {
      const pid = runningJavaPid(ctx, name);
      const healthy = pid !== undefined && (await probe().catch(() => false));
      return { name, pid, healthy, endpoint };
    },
  };
}
