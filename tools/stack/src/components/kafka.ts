import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaJars } from '../artifacts';
import { runCommand } from '../command';
import type { Component, ComponentStatus } from '../component';
import type { StackContext } from '../context';
import { runningJavaPid, startJavaProcess, stopJavaProcess } from '../java-process';
import { requireFreePorts } from '../ownership';
import { findJava } from '../prerequisites';

const name = 'kafka';

/**
 * The local broker's SASL user, accepted on its SASL listener with PLAIN and SCRAM-SHA-512: what
 * the tests connect with to show authenticated clients work. Local only; never a real secret.
 */
export const localSaslUser = { username: 'fieldline', password: 'fieldline-local-only' } as const;

/**
 * Single-node KRaft settings. Internal topics must have replication factor 1 and
 * min.insync.replicas 1, or consumer groups and transactions never become available.
 */
function serverProperties(ctx: StackContext, logDir: string): string {
  const { kafkaPort, kafkaControllerPort, kafkaSaslPort } = ctx.settings;
  const { username, password } = localSaslUser;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=127.0.0.1:${kafkaControllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${kafkaPort},SASL://127.0.0.1:${kafkaSaslPort},CONTROLLER://127.0.0.1:${kafkaControllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${kafkaPort},SASL://127.0.0.1:${kafkaSaslPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    // Authenticated clients: PLAIN checks the JAAS user list; SCRAM the credential stored at format.
    'listener.name.sasl.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512',
    `listener.name.sasl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_${username}="${password}";`,
    'listener.name.sasl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    `log.dirs=${logDir}`,
    'num.partitions=3',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=10',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics come from the catalog; a typo must not silently create a new one.
    'auto.create.topics.enable=false',
    'log.retention.hours=168',
    '',
  ].join('\n');
}

const log4jConfig = [
  'status = warn',
  'appender.console.type = Console',
  'appender.console.name = STDOUT',
  'appender.console.layout.type = PatternLayout',
  'appender.console.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = INFO',
  'rootLogger.appenderRef.stdout.ref = STDOUT',
  'logger.kafka.name = kafka',
  'logger.kafka.level = WARN',
  'logger.state.name = state.change.logger',
  'logger.state.level = WARN',
  '',
].join('\n');

export function kafkaComponent(ctx: StackContext): Component {
  const dataDir = ctx.layout.dataDir(name);
  const logDir = path.join(dataDir, 'log');
  const configFile = path.join(dataDir, 'server.properties');
  const log4jFile = path.join(dataDir, 'log4j2.properties');
  const endpoint = `127.0.0.1:${ctx.settings.kafkaPort}`;

  const writeConfig = () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(configFile, serverProperties(ctx, logDir));
    fs.writeFileSync(log4jFile, log4jConfig);
  };

  const formatStorageOnce = async (libs: string) => {
    if (fs.existsSync(path.join(logDir, 'meta.properties'))) return;
    ctx.progress.step(name, 'formatting KRaft storage');
    const java = findJava(ctx.settings);
    const classpath = `${libs}/*`;
    const tool = [
      '-cp',
      classpath,
      `-Dlog4j2.configurationFile=${log4jFile}`,
      'kafka.tools.StorageTool',
    ];
    const { stdout } = await runCommand(java, [...tool, 'random-uuid']);
    const clusterId = stdout.trim().split('\n').pop() ?? '';
    const { username, password } = localSaslUser;
    const scramUser = `SCRAM-SHA-512=[name=${username},password=${password}]`;
    await runCommand(
      java,
      [
        ...tool,
        'format',
        '-t',
        clusterId,
        '-c',
        configFile,
        '--standalone',
        '--add-scram',
        scramUser,
      ],
      { logFile: ctx.layout.logFile(name) },
    );
  };

  const withClient = async <T>(use: (kafka: Kafka) => Promise<T>): Promise<T> =>
    use(
      new Kafka({
        clientId: 'fieldline-stack-probe',
        brokers: [endpoint],
        logLevel: logLevel.NOTHING,
        connectionTimeout: 1000,
        retry: { retries: 0 },
      }),
    );

  const answersMetadata = () =>
    withClient(async (kafka) => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.describeCluster();
        return true;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    });

  /**
   * Ready for clients: metadata answers, the group coordinator exists (offsets topic created)
   * and an idempotent producer gets an id (transaction state loaded). Without the last two,
   * the first test or app would see "coordinator not available" errors.
   */
  const readyForClients = () =>
    withClient(async (kafka) => {
      const admin = kafka.admin();
      const producer = kafka.producer({ idempotent: true, retry: { retries: 2 } });
      try {
        await admin.connect();
        await admin.describeCluster();
        await admin.describeGroups(['fieldline-stack-probe']);
        await producer.connect();
        return true;
      } finally {
        await producer.disconnect().catch(() => undefined);
        await admin.disconnect().catch(() => undefined);
      }
    });

  return {
    name,
    endpoint,
    async start() {
      if (runningJavaPid(ctx, name) !== undefined) return 'already running';
      const libs = await ensureKafkaJars(ctx);
      await requireFreePorts(name, [
        { port: ctx.settings.kafkaPort, variable: 'FIELDLINE_KAFKA_PORT' },
        { port: ctx.settings.kafkaControllerPort, variable: 'FIELDLINE_KAFKA_CONTROLLER_PORT' },
        { port: ctx.settings.kafkaSaslPort, variable: 'FIELDLINE_KAFKA_SASL_PORT' },
      ]);
      writeConfig();
      await formatStorageOnce(libs);
      await startJavaProcess(ctx, {
        component: name,
        jvmArgs: [
          '-Xms256m',
          '-Xmx1g',
          '-XX:+UseG1GC',
          '-Djava.awt.headless=true',
          `-Dlog4j2.configurationFile=${log4jFile}`,
          '-cp',
          `${libs}/*`,
        ],
        mainArgs: ['kafka.Kafka', configFile],
        readyTimeoutMs: 120_000,
        probe: readyForClients,
      });
      return 'started';
    },
    stop: () => stopJavaProcess(ctx, name),
    async status(): Promise<ComponentStatus> {
      const pid = runningJavaPid(ctx, name);
      const healthy = pid !== undefined && (await answersMetadata().catch(() => false));
      return { name, pid, healthy, endpoint };
    },
  };
}
