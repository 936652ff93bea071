export { KafkaRuntime } from './runtime/kafka-runtime';
export type {
  DependencyCheck,
  KafkaRuntimeOptions,
  PublisherOptions,
  RuntimeLog,
} from './runtime/kafka-runtime';
export {
  connectionFromEnvironment,
  connectionOf,
  connectionSettings,
  saslMechanisms,
} from './runtime/connection';
export type {
  Connection,
  ConnectionValues,
  KafkaSecurity,
  SaslMechanism,
} from './runtime/connection';
export { stopOnSignals } from './runtime/graceful-shutdown';
export type { ShutdownOptions, Stoppable } from './runtime/graceful-shutdown';
export { Publisher } from './publish/publisher';
export type { EachPublished } from './publish/publisher';
export type {
  BatchEntry,
  OutgoingEvent,
  PublishOptions,
  PublishedEvent,
} from './publish/event-writer';
export { ConsumerRunner } from './consume/consumer-runner';
export type { ConsumerOptions } from './consume/consumer-runner';
export type {
  BatchHandler,
  BatchHandlerOptions,
  EventHandler,
  HandledEvent,
  HandlerOptions,
  HandlerOutput,
} from './consume/handled-event';
export type { RunnerStats } from './consume/runner-stats';
export { ExactlyOnceStage } from './transactions/exactly-once-stage';
export type { ExactlyOnceOptions } from './transactions/exactly-once-stage';
export type { PartitionStateStore, ReplayedRecord } from './transactions/partition-state';
export { Requester } from './request-reply/requester';
export type { Reply, RequestOptions, RequesterOptions } from './request-reply/requester';
export { replyHeaders } from './request-reply/reply-headers';
export { FanOut } from './fan-out/fan-out';
export type { FanOutOptions } from './fan-out/fan-out';
export { DeadLetters, redrivenFromHeader } from './dlq/dead-letters';
export { TopicTail } from './tail/topic-tail';
export type { TailOptions, TailedRecord } from './tail/topic-tail';
export type { DeadLetter } from './dlq/dead-letters';
export { eventHeaders } from './envelope/event-headers';
export { failureHeaders } from './retry/failure-headers';
export { catalogTopics } from './topics/catalog-topics';
export { deadLetterTopicName, failureTopics, retryTopicName } from './retry/failure-topics';
export { defaultRetryPolicy } from './retry/retry-policy';
export type { RetryPolicy } from './retry/retry-policy';
export { RebalanceSignal } from './port/broker-port';
export type {
  AdminPort,
  BrokerPort,
  Compression,
  ConsumerPort,
  ConsumerSettings,
  Headers,
  OutgoingRecord,
} from './port/broker-port';
export { kafkajsBroker } from './driver/kafkajs/kafkajs-broker';
export type { KafkajsBrokerOptions } from './driver/kafkajs/kafkajs-broker';
export { TopicNames, namespacedGroup, namespacedTopicNames } from './topics/topic-names';
export type { TopicNameMap } from './topics/topic-names';
export { fitToCluster, planTopics } from './topics/topic-plan';
export type {
  ExistingTopic,
  TopicCreation,
  TopicDrift,
  TopicPlan,
  TopicShape,
} from './topics/topic-plan';
export { inspectTopics, provisionTopics } from './topics/topic-provisioning';
