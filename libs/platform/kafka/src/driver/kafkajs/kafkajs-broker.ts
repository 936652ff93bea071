import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import type { BrokerPort } from '../../port/broker-port';
import type { KafkaSecurity } from '../../runtime/connection';
import { installCompressionCodecs } from './compression-codecs';
import { kafkajsAdmin } from './kafkajs-admin';
import { kafkajsConsumer } from './kafkajs-consumer';
import { kafkajsLogCreator, type DriverLog } from './kafkajs-log';
import { kafkajsProducer, kafkajsTransactionalProducer } from './kafkajs-producer';
import { retriesWithin } from './retry-budget';

export interface KafkajsBrokerOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** SASL and TLS; plaintext without either. */
  readonly security?: KafkaSecurity;
  /** Where kafkajs' own errors and warnings go; stderr as JSON lines by default. */
  readonly log?: DriverLog;
  readonly verbose?: boolean;
}

const stderrLog: DriverLog = (level, message, fields) =>
  process.stderr.write(`${JSON.stringify({ level, source: 'kafkajs', message, ...fields })}\n`);

/** The BrokerPort implemented with kafkajs. */
export function kafkajsBroker(options: KafkajsBrokerOptions): BrokerPort {
  installCompressionCodecs();
  const log = options.log ?? stderrLog;
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...kafkajsSecurity(options.security ?? {}),
    logLevel: options.verbose ? logLevel.WARN : logLevel.ERROR,
    logCreator: kafkajsLogCreator(log, options.verbose ?? false),
  };
  const kafka = new Kafka(config);
  // A producer's reconnects and metadata refreshes run on its client's retry settings, not on
  // the producer's own: with kafkajs' defaults (about 10 s) a send gave up mid-outage, its
  // in-flight batch written all the same. Its own client gives them the delivery budget too.
  const producerClient = (deliveryTimeoutMs: number) =>
    new Kafka({ ...config, retry: retriesWithin(deliveryTimeoutMs) });
  return {
    producer: (settings) => kafkajsProducer(producerClient(settings.deliveryTimeoutMs), settings),
    transactionalProducer: (settings) =>
      kafkajsTransactionalProducer(producerClient(settings.deliveryTimeoutMs), settings),
    consumer: (settings, events) => kafkajsConsumer(kafka, settings, events),
    admin: () => kafkajsAdmin(kafka),
  };
}

function kafkajsSecurity({ sasl, tls }: KafkaSecurity): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  return {
    sasl: sasl && { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password },
    ssl: tls && (tls.ca || tls.cert ? { ca: tls.ca, cert: tls.cert, key: tls.key } : true),
  } as Pick<KafkaConfig, 'sasl' | 'ssl'>;
}
