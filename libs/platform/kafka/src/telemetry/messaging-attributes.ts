/**
 * OpenTelemetry messaging semantic-convention names this runtime writes. The conventions are
 * still incubating, so (as their authors advise) the names are kept here rather than imported.
 */
export const messaging = {
  system: 'messaging.system',
  operationName: 'messaging.operation.name',
  operationType: 'messaging.operation.type',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  consumerGroup: 'messaging.consumer.group.name',
  messageId: 'messaging.message.id',
  batchCount: 'messaging.batch.message_count',
  offset: 'messaging.kafka.offset',
  errorType: 'error.type',
} as const;

/** Fieldline's own attributes, beside the conventional ones. */
export const fieldline = {
  eventType: 'fieldline.event.type',
  attempt: 'fieldline.attempt',
  outcome: 'fieldline.outcome',
  retryKind: 'fieldline.retry.kind',
  retryTier: 'fieldline.retry.tier',
  retryDelayMs: 'fieldline.retry.delay_ms',
  forwardedTo: 'fieldline.forwarded_to',
} as const;

export const kafkaSystem = 'kafka';
