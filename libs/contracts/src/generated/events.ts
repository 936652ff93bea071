// Generated from schemas/*.avsc and schemas/catalog.yaml by tools/contracts.
// Do not edit: change the sources and run `npm run contracts:generate`.

/** Metadata every Fieldline event carries: identity, lineage and origin. */
export interface Envelope {
  /** Unique id of this event; consumers use it for idempotency. */
  eventId: string;
  /** Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded. */
  eventType: string;
  /** Version of the event contract the producer wrote (1 for the first release). */
  schemaVersion: number;
  /** When the fact the event describes happened, in UTC. */
  occurredAt: number;
  /** Name of the app that produced the event. */
  producer: string;
  /** Id shared by every event caused, directly or not, by one external request. */
  correlationId: string;
  /** Event id of the event whose handling produced this one; null for events caused by an external request. */
  causationId: null | string;
}

/** Climate-risk metric a reading or pattern is about. Readers treat unknown symbols as UNKNOWN. */
export type Metric = 'UNKNOWN' | 'FLOOD_RISK' | 'HEAT_INDEX' | 'DROUGHT_INDEX' | 'WILDFIRE_RISK' | 'AIR_QUALITY' | 'STORM_SURGE';

/** Score of one dimension of a field state. */
export interface DimensionScore {
  /** The dimension (metric) scored. */
  dimension: Metric;
  /** Score from 0 (calm) to 1 (extreme). */
  score: number;
}

/** The current field state of a region; the latest per region is kept (compacted topic). */
export interface FieldStateUpdated {
  /** Event metadata. */
  envelope: Envelope;
  /** Region this state describes. */
  regionId: string;
  /** Strictly increasing version per region, starting at 1. */
  version: number;
  /** Score per dimension. */
  dimensions: DimensionScore[];
  /** How little the state changed recently, from 0 to 1. */
  stability: number;
  /** How much the dimensions move together, from 0 to 1. */
  coherence: number;
  /** Strongest dimensions/regions, strongest first. */
  resonanceCenters: ResonanceCenter[];
  /** Pattern ids folded into this state. */
  contributingPatternIds: string[];
  /** Time of the latest pattern event folded in, in UTC. */
  asOf: number;
}

/** One of the strongest dimension/region combinations around a region. */
export interface ResonanceCenter {
  /** Region of the center; the region itself or a neighbour. */
  regionId: string;
  /** Dimension of the center. */
  dimension: Metric;
  /** Intensity from 0 to 1. */
  intensity: number;
}

/** Key of the relationships topic: one ordered pair of patterns. */
export interface PatternPairKey {
  /** Stable id of the pattern pair: the two pattern ids, sorted and joined by ":". */
  patternPairId: string;
}

/** Key of region-scoped topics: everything about a region lands on one partition. */
export interface RegionKey {
  /** Region identifier, e.g. grid cell "r-12-07". */
  regionId: string;
}

/** Key of the notifications topic: all notifications of one subscription stay in order. */
export interface SubscriptionKey {
  /** Id of the subscription the notification belongs to. */
  subscriptionId: string;
}

/** Where a notification is delivered. */
export type Channel = 'UNKNOWN' | 'WEBHOOK' | 'STREAM' | 'EMAIL';

/** A notification reached its channel. */
export interface NotificationDelivered {
  /** Event metadata. */
  envelope: Envelope;
  /** Notification that was delivered. */
  notificationId: string;
  /** Subscription it belongs to. */
  subscriptionId: string;
  /** Channel it was delivered on. */
  channel: Channel;
  /** Delivery attempt that succeeded, starting at 1. */
  attempt: number;
  /** When the channel acknowledged it, in UTC. */
  deliveredAt: number;
  /** HTTP status returned by a webhook; null for other channels. */
  responseStatus: null | number;
}

/** A notification could not be delivered. */
export interface NotificationFailed {
  /** Event metadata. */
  envelope: Envelope;
  /** Notification that failed. */
  notificationId: string;
  /** Subscription it belongs to. */
  subscriptionId: string;
  /** Channel that failed. */
  channel: Channel;
  /** Attempts made so far, starting at 1. */
  attempt: number;
  /** Why delivery failed. */
  reason: string;
  /** Whether a later attempt may succeed. */
  retriable: boolean;
  /** When the attempt failed, in UTC. */
  failedAt: number;
}

/** A subscription matched and a notification should be delivered. */
export interface NotificationRequested {
  /** Event metadata. */
  envelope: Envelope;
  /** Id of the notification; retries of one delivery share it. */
  notificationId: string;
  /** Subscription that matched. */
  subscriptionId: string;
  /** Notifications with the same subscription and dedup key are delivered once. */
  dedupKey: string;
  /** How urgent it is. */
  severity: Severity;
  /** Where to deliver it. */
  channel: Channel;
  /** Short human-readable title. */
  title: string;
  /** Human-readable text. */
  body: string;
  /** Event id of the pattern, field-state or relationship event that matched. */
  triggerEventId: string;
  /** Region concerned, when there is one. */
  regionId: null | string;
}

/** How urgent a notification is. */
export type Severity = 'UNKNOWN' | 'INFO' | 'WARNING' | 'CRITICAL';

/** A climate-risk reading accepted by the ingest gateway. */
export interface ObservationRecorded {
  /** Event metadata. */
  envelope: Envelope;
  /** Who measured it: station, model run or data provider id. */
  source: string;
  /** Region the reading belongs to. */
  regionId: string;
  /** What was measured. */
  metric: Metric;
  /** Measured value, in unit. */
  value: number;
  /** Unit of value, e.g. "index", "mm", "degC". */
  unit: string;
  /** When the reading was taken, in UTC. */
  observedAt: number;
  /** Free-form source attributes (station elevation, model name, ...). */
  attributes: Record<string, string>;
  /** Confidence the source reports for this reading, from 0 to 1; null when it reports none. Added in version 2. */
  confidence: null | number;
}

/** A new pattern appeared in a region. */
export interface PatternDetected {
  /** Event metadata. */
  envelope: Envelope;
  /** Id of the pattern, stable across its evolution. */
  patternId: string;
  /** Region the pattern was detected in. */
  regionId: string;
  /** What kind of pattern it is. */
  kind: PatternKind;
  /** Metrics involved; one for single-metric kinds, several for co-occurrence. */
  metrics: Metric[];
  /** Phase at detection; EMERGING for a new pattern. */
  phase: PatternPhase;
  /** How pronounced the pattern is, from 0 to 1. */
  strength: number;
  /** How sure the detector is, from 0 to 1. */
  confidence: number;
  /** Window of the readings the pattern was detected over. */
  window: PatternWindow;
  /** Event ids of the observations that support the pattern. */
  evidenceIds: string[];
}

/** An existing pattern changed strength or phase. */
export interface PatternEvolved {
  /** Event metadata. */
  envelope: Envelope;
  /** Id of the pattern that evolved. */
  patternId: string;
  /** Region of the pattern. */
  regionId: string;
  /** Kind of the pattern. */
  kind: PatternKind;
  /** Metrics the pattern is about, as its PatternDetected named them; empty in events written before version 2. */
  metrics: Metric[];
  /** Phase before this change. */
  previousPhase: PatternPhase;
  /** Phase after this change. */
  phase: PatternPhase;
  /** Strength after this change, from 0 to 1. */
  strength: number;
  /** Confidence after this change, from 0 to 1. */
  confidence: number;
  /** Window the new strength was computed over. */
  window: PatternWindow;
  /** Event ids of the observations behind this change. */
  evidenceIds: string[];
}

/** Kind of pattern the detector found. */
export type PatternKind = 'UNKNOWN' | 'THRESHOLD_EXCEEDANCE' | 'TREND' | 'ANOMALY' | 'CO_OCCURRENCE';

/** Lifecycle phase of a pattern. */
export type PatternPhase = 'UNKNOWN' | 'EMERGING' | 'STRENGTHENING' | 'WEAKENING' | 'DISSOLVED';

/** Time window a pattern was detected over. */
export interface PatternWindow {
  /** Start of the window, inclusive, in UTC. */
  start: number;
  /** End of the window, exclusive, in UTC. */
  end: number;
}

/** A relationship changed strength or dissolved. */
export interface RelationshipChanged {
  /** Event metadata. */
  envelope: Envelope;
  /** Id of the relationship. */
  relationshipId: string;
  /** Key of the pattern pair. */
  patternPairId: string;
  /** How the patterns relate. */
  kind: RelationshipKind;
  /** Strength before the change. */
  previousStrength: number;
  /** Strength after the change. */
  strength: number;
  /** True when the relationship no longer holds. */
  dissolved: boolean;
}

/** Two patterns were found to be related. */
export interface RelationshipFormed {
  /** Event metadata. */
  envelope: Envelope;
  /** Id of the relationship. */
  relationshipId: string;
  /** Key of the pattern pair (sorted pattern ids joined by ":"). */
  patternPairId: string;
  /** Pattern the relationship starts from (the earlier one for PRECEDES). */
  sourcePatternId: string;
  /** Pattern the relationship points to. */
  targetPatternId: string;
  /** Region of the source pattern. */
  sourceRegionId: string;
  /** Region of the target pattern. */
  targetRegionId: string;
  /** How the patterns relate. */
  kind: RelationshipKind;
  /** Strength of the relationship, from 0 to 1. */
  strength: number;
  /** Time from source to target, for PRECEDES; null otherwise. */
  lagMillis: null | number;
}

/** How two patterns relate. */
export type RelationshipKind = 'UNKNOWN' | 'CO_OCCURS' | 'PRECEDES' | 'SPATIAL_NEIGHBOUR' | 'AMPLIFIES';

/** Every event record, by its full Avro name (the envelope's eventType). */
export interface EventsByName {
  'dev.fieldline.fieldstates.FieldStateUpdated': FieldStateUpdated;
  'dev.fieldline.notifications.NotificationDelivered': NotificationDelivered;
  'dev.fieldline.notifications.NotificationFailed': NotificationFailed;
  'dev.fieldline.notifications.NotificationRequested': NotificationRequested;
  'dev.fieldline.observations.ObservationRecorded': ObservationRecorded;
  'dev.fieldline.patterns.PatternDetected': PatternDetected;
  'dev.fieldline.patterns.PatternEvolved': PatternEvolved;
  'dev.fieldline.relationships.RelationshipChanged': RelationshipChanged;
  'dev.fieldline.relationships.RelationshipFormed': RelationshipFormed;
}

export type EventName = keyof EventsByName;

/** Each topic's key type and the names of the events allowed on it. */
export interface TopicContracts {
  'observations': {
    key: RegionKey;
    events: 'dev.fieldline.observations.ObservationRecorded';
  };
  'patterns': {
    key: RegionKey;
    events: 'dev.fieldline.patterns.PatternDetected' | 'dev.fieldline.patterns.PatternEvolved';
  };
  'pattern-neighbourhoods': {
    key: RegionKey;
    events: 'dev.fieldline.patterns.PatternDetected' | 'dev.fieldline.patterns.PatternEvolved';
  };
  'field-states': {
    key: RegionKey;
    events: 'dev.fieldline.fieldstates.FieldStateUpdated';
  };
  'relationships': {
    key: PatternPairKey;
    events: 'dev.fieldline.relationships.RelationshipFormed' | 'dev.fieldline.relationships.RelationshipChanged';
  };
  'notifications': {
    key: SubscriptionKey;
    events: 'dev.fieldline.notifications.NotificationRequested' | 'dev.fieldline.notifications.NotificationDelivered' | 'dev.fieldline.notifications.NotificationFailed';
  };
}

export type TopicName = keyof TopicContracts;

/** The key type of a topic. */
export type TopicKey<T extends TopicName> = TopicContracts[T]['key'];

/** The names of the events a topic carries. */
export type TopicEventName<T extends TopicName> = TopicContracts[T]['events'];

/** The union of event payload types a topic carries. */
export type TopicEvent<T extends TopicName> = EventsByName[TopicEventName<T>];
