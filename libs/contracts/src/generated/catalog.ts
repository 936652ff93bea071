// Generated from schemas/*.avsc and schemas/catalog.yaml by tools/contracts.
// Do not edit: change the sources and run `npm run contracts:generate`.

import type { TopicSpec } from '../topic-spec';
import type { EventName, TopicName } from './events';

/** Every topic of the catalog, with its Kafka settings and registry subjects. */
export const topicCatalog: Readonly<Record<TopicName, TopicSpec>> = {
  "observations": {
    "name": "observations",
    "description": "Climate-risk readings accepted by the ingest gateway.",
    "partitions": 6,
    "replicationFactor": 3,
    "config": {
      "cleanup.policy": "delete",
      "min.insync.replicas": "2",
      "retention.ms": "604800000"
    },
    "compatibility": "FULL_TRANSITIVE",
    "owner": "ingest-gateway",
    "consumers": [
      "pattern-detector"
    ],
    "key": {
      "recordName": "dev.fieldline.keys.RegionKey",
      "subject": "observations-key"
    },
    "values": [
      {
        "recordName": "dev.fieldline.observations.ObservationRecorded",
        "subject": "observations-dev.fieldline.observations.ObservationRecorded"
      }
    ]
  },
  "patterns": {
    "name": "patterns",
    "description": "Patterns detected per region and how they evolve.",
    "partitions": 6,
    "replicationFactor": 3,
    "config": {
      "cleanup.policy": "delete",
      "min.insync.replicas": "2",
      "retention.ms": "2592000000"
    },
    "compatibility": "FULL_TRANSITIVE",
    "owner": "pattern-detector",
    "consumers": [
      "field-state",
      "relationship-detector",
      "notifier",
      "projector"
    ],
    "key": {
      "recordName": "dev.fieldline.keys.RegionKey",
      "subject": "patterns-key"
    },
    "values": [
      {
        "recordName": "dev.fieldline.patterns.PatternDetected",
        "subject": "patterns-dev.fieldline.patterns.PatternDetected"
      },
      {
        "recordName": "dev.fieldline.patterns.PatternEvolved",
        "subject": "patterns-dev.fieldline.patterns.PatternEvolved"
      }
    ]
  },
  "pattern-neighbourhoods": {
    "name": "pattern-neighbourhoods",
    "description": "Pattern events copied to the neighbourhoods that relate them: a pattern's own region and each grid neighbour before it (by id). The relationship detector's repartition topic, so every pair of neighbouring regions is read from one partition.",
    "partitions": 6,
    "replicationFactor": 3,
    "config": {
      "cleanup.policy": "delete",
      "min.insync.replicas": "2",
      "retention.ms": "259200000"
    },
    "compatibility": "FULL_TRANSITIVE",
    "owner": "relationship-detector",
    "consumers": [
      "relationship-detector"
    ],
    "key": {
      "recordName": "dev.fieldline.keys.RegionKey",
      "subject": "pattern-neighbourhoods-key"
    },
    "values": [
      {
        "recordName": "dev.fieldline.patterns.PatternDetected",
        "subject": "pattern-neighbourhoods-dev.fieldline.patterns.PatternDetected"
      },
      {
        "recordName": "dev.fieldline.patterns.PatternEvolved",
        "subject": "pattern-neighbourhoods-dev.fieldline.patterns.PatternEvolved"
      }
    ]
  },
  "field-states": {
    "name": "field-states",
    "description": "The current field state of every region (compacted; the latest version per region is kept).",
    "partitions": 6,
    "replicationFactor": 3,
    "config": {
      "cleanup.policy": "compact",
      "min.insync.replicas": "2"
    },
    "compatibility": "FULL_TRANSITIVE",
    "owner": "field-state",
    "consumers": [
      "notifier",
      "projector"
    ],
    "key": {
      "recordName": "dev.fieldline.keys.RegionKey",
      "subject": "field-states-key"
    },
    "values": [
      {
        "recordName": "dev.fieldline.fieldstates.FieldStateUpdated",
        "subject": "field-states-dev.fieldline.fieldstates.FieldStateUpdated"
      }
    ]
  },
  "relationships": {
    "name": "relationships",
    "description": "Relationships formed and changed between patterns.",
    "partitions": 6,
    "replicationFactor": 3,
    "config": {
      "cleanup.policy": "delete",
      "min.insync.replicas": "2",
      "retention.ms": "2592000000"
    },
    "compatibility": "FULL_TRANSITIVE",
    "owner": "relationship-detector",
    "consumers": [
      "notifier",
      "projector"
    ],
    "key": {
      "recordName": "dev.fieldline.keys.PatternPairKey",
      "subject": "relationships-key"
    },
    "values": [
      {
        "recordName": "dev.fieldline.relationships.RelationshipFormed",
        "subject": "relationships-dev.fieldline.relationships.RelationshipFormed"
      },
      {
        "recordName": "dev.fieldline.relationships.RelationshipChanged",
        "subject": "relationships-dev.fieldline.relationships.RelationshipChanged"
      }
    ]
  },
  "notifications": {
    "name": "notifications",
    "description": "Notifications requested by subscriptions and their delivery outcomes.",
    "partitions": 6,
    "replicationFactor": 3,
    "config": {
      "cleanup.policy": "delete",
      "min.insync.replicas": "2",
      "retention.ms": "1209600000"
    },
    "compatibility": "FULL_TRANSITIVE",
    "owner": "notifier",
    "consumers": [
      "projector"
    ],
    "key": {
      "recordName": "dev.fieldline.keys.SubscriptionKey",
      "subject": "notifications-key"
    },
    "values": [
      {
        "recordName": "dev.fieldline.notifications.NotificationRequested",
        "subject": "notifications-dev.fieldline.notifications.NotificationRequested"
      },
      {
        "recordName": "dev.fieldline.notifications.NotificationDelivered",
        "subject": "notifications-dev.fieldline.notifications.NotificationDelivered"
      },
      {
        "recordName": "dev.fieldline.notifications.NotificationFailed",
        "subject": "notifications-dev.fieldline.notifications.NotificationFailed"
      }
    ]
  }
};

/** The self-contained Avro schema of every key and event record, by full name. */
export const recordSchemas: Readonly<Record<string, object>> = {
  "dev.fieldline.fieldstates.FieldStateUpdated": {
    "type": "record",
    "name": "dev.fieldline.fieldstates.FieldStateUpdated",
    "doc": "The current field state of a region; the latest per region is kept (compacted topic).",
    "fields": [
      {
        "name": "envelope",
        "type": {
          "type": "record",
          "name": "dev.fieldline.common.Envelope",
          "doc": "Metadata every Fieldline event carries: identity, lineage and origin.",
          "fields": [
            {
              "name": "eventId",
              "type": {
                "type": "string",
                "logicalType": "uuid"
              },
              "doc": "Unique id of this event; consumers use it for idempotency."
            },
            {
              "name": "eventType",
              "type": "string",
              "doc": "Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded."
            },
            {
              "name": "schemaVersion",
              "type": "int",
              "doc": "Version of the event contract the producer wrote (1 for the first release)."
            },
            {
              "name": "occurredAt",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "When the fact the event describes happened, in UTC."
            },
            {
              "name": "producer",
              "type": "string",
              "doc": "Name of the app that produced the event."
            },
            {
              "name": "correlationId",
              "type": "string",
              "doc": "Id shared by every event caused, directly or not, by one external request."
            },
            {
              "name": "causationId",
              "type": [
                "null",
                "string"
              ],
              "default": null,
              "doc": "Event id of the event whose handling produced this one; null for events caused by an external request."
            }
          ]
        },
        "doc": "Event metadata."
      },
      {
        "name": "regionId",
        "type": "string",
        "doc": "Region this state describes."
      },
      {
        "name": "version",
        "type": "long",
        "doc": "Strictly increasing version per region, starting at 1."
      },
      {
        "name": "dimensions",
        "type": {
          "type": "array",
          "items": {
            "type": "record",
            "name": "dev.fieldline.fieldstates.DimensionScore",
            "doc": "Score of one dimension of a field state.",
            "fields": [
              {
                "name": "dimension",
                "type": {
                  "type": "enum",
                  "name": "dev.fieldline.common.Metric",
                  "doc": "Climate-risk metric a reading or pattern is about. Readers treat unknown symbols as UNKNOWN.",
                  "symbols": [
                    "UNKNOWN",
                    "FLOOD_RISK",
                    "HEAT_INDEX",
                    "DROUGHT_INDEX",
                    "WILDFIRE_RISK",
                    "AIR_QUALITY",
                    "STORM_SURGE"
                  ],
                  "default": "UNKNOWN"
                },
                "doc": "The dimension (metric) scored."
              },
              {
                "name": "score",
                "type": "double",
                "doc": "Score from 0 (calm) to 1 (extreme)."
              }
            ]
          }
        },
        "doc": "Score per dimension."
      },
      {
        "name": "stability",
        "type": "double",
        "doc": "How little the state changed recently, from 0 to 1."
      },
      {
        "name": "coherence",
        "type": "double",
        "doc": "How much the dimensions move together, from 0 to 1."
      },
      {
        "name": "resonanceCenters",
        "type": {
          "type": "array",
          "items": {
            "type": "record",
            "name": "dev.fieldline.fieldstates.ResonanceCenter",
            "doc": "One of the strongest dimension/region combinations around a region.",
            "fields": [
              {
                "name": "regionId",
                "type": "string",
                "doc": "Region of the center; the region itself or a neighbour."
              },
              {
                "name": "dimension",
                "type": "dev.fieldline.common.Metric",
                "doc": "Dimension of the center."
              },
              {
                "name": "intensity",
                "type": "double",
                "doc": "Intensity from 0 to 1."
              }
            ]
          }
        },
        "doc": "Strongest dimensions/regions, strongest first."
      },
      {
        "name": "contributingPatternIds",
        "type": {
          "type": "array",
          "items": "string"
        },
        "doc": "Pattern ids folded into this state."
      },
      {
        "name": "asOf",
        "type": {
          "type": "long",
          "logicalType": "timestamp-millis"
        },
        "doc": "Time of the latest pattern event folded in, in UTC."
      }
    ]
  },
  "dev.fieldline.keys.PatternPairKey": {
    "type": "record",
    "name": "dev.fieldline.keys.PatternPairKey",
    "doc": "Key of the relationships topic: one ordered pair of patterns.",
    "fields": [
      {
        "name": "patternPairId",
        "type": "string",
        "doc": "Stable id of the pattern pair: the two pattern ids, sorted and joined by \":\"."
      }
    ]
  },
  "dev.fieldline.keys.RegionKey": {
    "type": "record",
    "name": "dev.fieldline.keys.RegionKey",
    "doc": "Key of region-scoped topics: everything about a region lands on one partition.",
    "fields": [
      {
        "name": "regionId",
        "type": "string",
        "doc": "Region identifier, e.g. grid cell \"r-12-07\"."
      }
    ]
  },
  "dev.fieldline.keys.SubscriptionKey": {
    "type": "record",
    "name": "dev.fieldline.keys.SubscriptionKey",
    "doc": "Key of the notifications topic: all notifications of one subscription stay in order.",
    "fields": [
      {
        "name": "subscriptionId",
        "type": "string",
        "doc": "Id of the subscription the notification belongs to."
      }
    ]
  },
  "dev.fieldline.notifications.NotificationDelivered": {
    "type": "record",
    "name": "dev.fieldline.notifications.NotificationDelivered",
    "doc": "A notification reached its channel.",
    "fields": [
      {
        "name": "envelope",
        "type": {
          "type": "record",
          "name": "dev.fieldline.common.Envelope",
          "doc": "Metadata every Fieldline event carries: identity, lineage and origin.",
          "fields": [
            {
              "name": "eventId",
              "type": {
                "type": "string",
                "logicalType": "uuid"
              },
              "doc": "Unique id of this event; consumers use it for idempotency."
            },
            {
              "name": "eventType",
              "type": "string",
              "doc": "Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded."
            },
            {
              "name": "schemaVersion",
              "type": "int",
              "doc": "Version of the event contract the producer wrote (1 for the first release)."
            },
            {
              "name": "occurredAt",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "When the fact the event describes happened, in UTC."
            },
            {
              "name": "producer",
              "type": "string",
              "doc": "Name of the app that produced the event."
            },
            {
              "name": "correlationId",
              "type": "string",
              "doc": "Id shared by every event caused, directly or not, by one external request."
            },
            {
              "name": "causationId",
              "type": [
                "null",
                "string"
              ],
              "default": null,
              "doc": "Event id of the event whose handling produced this one; null for events caused by an external request."
            }
          ]
        },
        "doc": "Event metadata."
      },
      {
        "name": "notificationId",
        "type": {
          "type": "string",
          "logicalType": "uuid"
        },
        "doc": "Notification that was delivered."
      },
      {
        "name": "subscriptionId",
        "type": "string",
        "doc": "Subscription it belongs to."
      },
      {
        "name": "channel",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.notifications.Channel",
          "doc": "Where a notification is delivered.",
          "symbols": [
            "UNKNOWN",
            "WEBHOOK",
            "STREAM",
            "EMAIL"
          ],
          "default": "UNKNOWN"
        },
        "doc": "Channel it was delivered on."
      },
      {
        "name": "attempt",
        "type": "int",
        "doc": "Delivery attempt that succeeded, starting at 1."
      },
      {
        "name": "deliveredAt",
        "type": {
          "type": "long",
          "logicalType": "timestamp-millis"
        },
        "doc": "When the channel acknowledged it, in UTC."
      },
      {
        "name": "responseStatus",
        "type": [
          "null",
          "int"
        ],
        "default": null,
        "doc": "HTTP status returned by a webhook; null for other channels."
      }
    ]
  },
  "dev.fieldline.notifications.NotificationFailed": {
    "type": "record",
    "name": "dev.fieldline.notifications.NotificationFailed",
    "doc": "A notification could not be delivered.",
    "fields": [
      {
        "name": "envelope",
        "type": {
          "type": "record",
          "name": "dev.fieldline.common.Envelope",
          "doc": "Metadata every Fieldline event carries: identity, lineage and origin.",
          "fields": [
            {
              "name": "eventId",
              "type": {
                "type": "string",
                "logicalType": "uuid"
              },
              "doc": "Unique id of this event; consumers use it for idempotency."
            },
            {
              "name": "eventType",
              "type": "string",
              "doc": "Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded."
            },
            {
              "name": "schemaVersion",
              "type": "int",
              "doc": "Version of the event contract the producer wrote (1 for the first release)."
            },
            {
              "name": "occurredAt",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "When the fact the event describes happened, in UTC."
            },
            {
              "name": "producer",
              "type": "string",
              "doc": "Name of the app that produced the event."
            },
            {
              "name": "correlationId",
              "type": "string",
              "doc": "Id shared by every event caused, directly or not, by one external request."
            },
            {
              "name": "causationId",
              "type": [
                "null",
                "string"
              ],
              "default": null,
              "doc": "Event id of the event whose handling produced this one; null for events caused by an external request."
            }
          ]
        },
        "doc": "Event metadata."
      },
      {
        "name": "notificationId",
        "type": {
          "type": "string",
          "logicalType": "uuid"
        },
        "doc": "Notification that failed."
      },
      {
        "name": "subscriptionId",
        "type": "string",
        "doc": "Subscription it belongs to."
      },
      {
        "name": "channel",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.notifications.Channel",
          "doc": "Where a notification is delivered.",
          "symbols": [
            "UNKNOWN",
            "WEBHOOK",
            "STREAM",
            "EMAIL"
          ],
          "default": "UNKNOWN"
        },
        "doc": "Channel that failed."
      },
      {
        "name": "attempt",
        "type": "int",
        "doc": "Attempts made so far, starting at 1."
      },
      {
        "name": "reason",
        "type": "string",
        "doc": "Why delivery failed."
      },
      {
        "name": "retriable",
        "type": "boolean",
        "doc": "Whether a later attempt may succeed."
      },
      {
        "name": "failedAt",
        "type": {
          "type": "long",
          "logicalType": "timestamp-millis"
        },
        "doc": "When the attempt failed, in UTC."
      }
    ]
  },
  "dev.fieldline.notifications.NotificationRequested": {
    "type": "record",
    "name": "dev.fieldline.notifications.NotificationRequested",
    "doc": "A subscription matched and a notification should be delivered.",
    "fields": [
      {
        "name": "envelope",
        "type": {
          "type": "record",
          "name": "dev.fieldline.common.Envelope",
          "doc": "Metadata every Fieldline event carries: identity, lineage and origin.",
          "fields": [
            {
              "name": "eventId",
              "type": {
                "type": "string",
                "logicalType": "uuid"
              },
              "doc": "Unique id of this event; consumers use it for idempotency."
            },
            {
              "name": "eventType",
              "type": "string",
              "doc": "Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded."
            },
            {
              "name": "schemaVersion",
              "type": "int",
              "doc": "Version of the event contract the producer wrote (1 for the first release)."
            },
            {
              "name": "occurredAt",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "When the fact the event describes happened, in UTC."
            },
            {
              "name": "producer",
              "type": "string",
              "doc": "Name of the app that produced the event."
            },
            {
              "name": "correlationId",
              "type": "string",
              "doc": "Id shared by every event caused, directly or not, by one external request."
            },
            {
              "name": "causationId",
              "type": [
                "null",
                "string"
              ],
              "default": null,
              "doc": "Event id of the event whose handling produced this one; null for events caused by an external request."
            }
          ]
        },
        "doc": "Event metadata."
      },
      {
        "name": "notificationId",
        "type": {
          "type": "string",
          "logicalType": "uuid"
        },
        "doc": "Id of the notification; retries of one delivery share it."
      },
      {
        "name": "subscriptionId",
        "type": "string",
        "doc": "Subscription that matched."
      },
      {
        "name": "dedupKey",
        "type": "string",
        "doc": "Notifications with the same subscription and dedup key are delivered once."
      },
      {
        "name": "severity",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.notifications.Severity",
          "doc": "How urgent a notification is.",
          "symbols": [
            "UNKNOWN",
            "INFO",
            "WARNING",
            "CRITICAL"
          ],
          "default": "UNKNOWN"
        },
        "doc": "How urgent it is."
      },
      {
        "name": "channel",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.notifications.Channel",
          "doc": "Where a notification is delivered.",
          "symbols": [
            "UNKNOWN",
            "WEBHOOK",
            "STREAM",
            "EMAIL"
          ],
          "default": "UNKNOWN"
        },
        "doc": "Where to deliver it."
      },
      {
        "name": "title",
        "type": "string",
        "doc": "Short human-readable title."
      },
      {
        "name": "body",
        "type": "string",
        "doc": "Human-readable text."
      },
      {
        "name": "triggerEventId",
        "type": "string",
        "doc": "Event id of the pattern, field-state or relationship event that matched."
      },
      {
        "name": "regionId",
        "type": [
          "null",
          "string"
        ],
        "default": null,
        "doc": "Region concerned, when there is one."
      }
    ]
  },
  "dev.fieldline.observations.ObservationRecorded": {
    "type": "record",
    "name": "dev.fieldline.observations.ObservationRecorded",
    "doc": "A climate-risk reading accepted by the ingest gateway.",
    "fields": [
      {
        "name": "envelope",
        "type": {
          "type": "record",
          "name": "dev.fieldline.common.Envelope",
          "doc": "Metadata every Fieldline event carries: identity, lineage and origin.",
          "fields": [
            {
              "name": "eventId",
              "type": {
                "type": "string",
                "logicalType": "uuid"
              },
              "doc": "Unique id of this event; consumers use it for idempotency."
            },
            {
              "name": "eventType",
              "type": "string",
              "doc": "Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded."
            },
            {
              "name": "schemaVersion",
              "type": "int",
              "doc": "Version of the event contract the producer wrote (1 for the first release)."
            },
            {
              "name": "occurredAt",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "When the fact the event describes happened, in UTC."
            },
            {
              "name": "producer",
              "type": "string",
              "doc": "Name of the app that produced the event."
            },
            {
              "name": "correlationId",
              "type": "string",
              "doc": "Id shared by every event caused, directly or not, by one external request."
            },
            {
              "name": "causationId",
              "type": [
                "null",
                "string"
              ],
              "default": null,
              "doc": "Event id of the event whose handling produced this one; null for events caused by an external request."
            }
          ]
        },
        "doc": "Event metadata."
      },
      {
        "name": "source",
        "type": "string",
        "doc": "Who measured it: station, model run or data provider id."
      },
      {
        "name": "regionId",
        "type": "string",
        "doc": "Region the reading belongs to."
      },
      {
        "name": "metric",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.common.Metric",
          "doc": "Climate-risk metric a reading or pattern is about. Readers treat unknown symbols as UNKNOWN.",
          "symbols": [
            "UNKNOWN",
            "FLOOD_RISK",
            "HEAT_INDEX",
            "DROUGHT_INDEX",
            "WILDFIRE_RISK",
            "AIR_QUALITY",
            "STORM_SURGE"
          ],
          "default": "UNKNOWN"
        },
        "doc": "What was measured."
      },
      {
        "name": "value",
        "type": "double",
        "doc": "Measured value, in unit."
      },
      {
        "name": "unit",
        "type": "string",
        "doc": "Unit of value, e.g. \"index\", \"mm\", \"degC\"."
      },
      {
        "name": "observedAt",
        "type": {
          "type": "long",
          "logicalType": "timestamp-millis"
        },
        "doc": "When the reading was taken, in UTC."
      },
      {
        "name": "attributes",
        "type": {
          "type": "map",
          "values": "string"
        },
        "default": {},
        "doc": "Free-form source attributes (station elevation, model name, ...)."
      },
      {
        "name": "confidence",
        "type": [
          "null",
          "double"
        ],
        "default": null,
        "doc": "Confidence the source reports for this reading, from 0 to 1; null when it reports none. Added in version 2."
      }
    ]
  },
  "dev.fieldline.patterns.PatternDetected": {
    "type": "record",
    "name": "dev.fieldline.patterns.PatternDetected",
    "doc": "A new pattern appeared in a region.",
    "fields": [
      {
        "name": "envelope",
        "type": {
          "type": "record",
          "name": "dev.fieldline.common.Envelope",
          "doc": "Metadata every Fieldline event carries: identity, lineage and origin.",
          "fields": [
            {
              "name": "eventId",
              "type": {
                "type": "string",
                "logicalType": "uuid"
              },
              "doc": "Unique id of this event; consumers use it for idempotency."
            },
            {
              "name": "eventType",
              "type": "string",
              "doc": "Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded."
            },
            {
              "name": "schemaVersion",
              "type": "int",
              "doc": "Version of the event contract the producer wrote (1 for the first release)."
            },
            {
              "name": "occurredAt",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "When the fact the event describes happened, in UTC."
            },
            {
              "name": "producer",
              "type": "string",
              "doc": "Name of the app that produced the event."
            },
            {
              "name": "correlationId",
              "type": "string",
              "doc": "Id shared by every event caused, directly or not, by one external request."
            },
            {
              "name": "causationId",
              "type": [
                "null",
                "string"
              ],
              "default": null,
              "doc": "Event id of the event whose handling produced this one; null for events caused by an external request."
            }
          ]
        },
        "doc": "Event metadata."
      },
      {
        "name": "patternId",
        "type": {
          "type": "string",
          "logicalType": "uuid"
        },
        "doc": "Id of the pattern, stable across its evolution."
      },
      {
        "name": "regionId",
        "type": "string",
        "doc": "Region the pattern was detected in."
      },
      {
        "name": "kind",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.patterns.PatternKind",
          "doc": "Kind of pattern the detector found.",
          "symbols": [
            "UNKNOWN",
            "THRESHOLD_EXCEEDANCE",
            "TREND",
            "ANOMALY",
            "CO_OCCURRENCE"
          ],
          "default": "UNKNOWN"
        },
        "doc": "What kind of pattern it is."
      },
      {
        "name": "metrics",
        "type": {
          "type": "array",
          "items": {
            "type": "enum",
            "name": "dev.fieldline.common.Metric",
            "doc": "Climate-risk metric a reading or pattern is about. Readers treat unknown symbols as UNKNOWN.",
            "symbols": [
              "UNKNOWN",
              "FLOOD_RISK",
              "HEAT_INDEX",
              "DROUGHT_INDEX",
              "WILDFIRE_RISK",
              "AIR_QUALITY",
              "STORM_SURGE"
            ],
            "default": "UNKNOWN"
          }
        },
        "doc": "Metrics involved; one for single-metric kinds, several for co-occurrence."
      },
      {
        "name": "phase",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.patterns.PatternPhase",
          "doc": "Lifecycle phase of a pattern.",
          "symbols": [
            "UNKNOWN",
            "EMERGING",
            "STRENGTHENING",
            "WEAKENING",
            "DISSOLVED"
          ],
          "default": "UNKNOWN"
        },
        "doc": "Phase at detection; EMERGING for a new pattern."
      },
      {
        "name": "strength",
        "type": "double",
        "doc": "How pronounced the pattern is, from 0 to 1."
      },
      {
        "name": "confidence",
        "type": "double",
        "doc": "How sure the detector is, from 0 to 1."
      },
      {
        "name": "window",
        "type": {
          "type": "record",
          "name": "dev.fieldline.patterns.PatternWindow",
          "doc": "Time window a pattern was detected over.",
          "fields": [
            {
              "name": "start",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "Start of the window, inclusive, in UTC."
            },
            {
              "name": "end",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "End of the window, exclusive, in UTC."
            }
          ]
        },
        "doc": "Window of the readings the pattern was detected over."
      },
      {
        "name": "evidenceIds",
        "type": {
          "type": "array",
          "items": "string"
        },
        "doc": "Event ids of the observations that support the pattern."
      }
    ]
  },
  "dev.fieldline.patterns.PatternEvolved": {
    "type": "record",
    "name": "dev.fieldline.patterns.PatternEvolved",
    "doc": "An existing pattern changed strength or phase.",
    "fields": [
      {
        "name": "envelope",
        "type": {
          "type": "record",
          "name": "dev.fieldline.common.Envelope",
          "doc": "Metadata every Fieldline event carries: identity, lineage and origin.",
          "fields": [
            {
              "name": "eventId",
              "type": {
                "type": "string",
                "logicalType": "uuid"
              },
              "doc": "Unique id of this event; consumers use it for idempotency."
            },
            {
              "name": "eventType",
              "type": "string",
              "doc": "Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded."
            },
            {
              "name": "schemaVersion",
              "type": "int",
              "doc": "Version of the event contract the producer wrote (1 for the first release)."
            },
            {
              "name": "occurredAt",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "When the fact the event describes happened, in UTC."
            },
            {
              "name": "producer",
              "type": "string",
              "doc": "Name of the app that produced the event."
            },
            {
              "name": "correlationId",
              "type": "string",
              "doc": "Id shared by every event caused, directly or not, by one external request."
            },
            {
              "name": "causationId",
              "type": [
                "null",
                "string"
              ],
              "default": null,
              "doc": "Event id of the event whose handling produced this one; null for events caused by an external request."
            }
          ]
        },
        "doc": "Event metadata."
      },
      {
        "name": "patternId",
        "type": {
          "type": "string",
          "logicalType": "uuid"
        },
        "doc": "Id of the pattern that evolved."
      },
      {
        "name": "regionId",
        "type": "string",
        "doc": "Region of the pattern."
      },
      {
        "name": "kind",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.patterns.PatternKind",
          "doc": "Kind of pattern the detector found.",
          "symbols": [
            "UNKNOWN",
            "THRESHOLD_EXCEEDANCE",
            "TREND",
            "ANOMALY",
            "CO_OCCURRENCE"
          ],
          "default": "UNKNOWN"
        },
        "doc": "Kind of the pattern."
      },
      {
        "name": "metrics",
        "type": {
          "type": "array",
          "items": {
            "type": "enum",
            "name": "dev.fieldline.common.Metric",
            "doc": "Climate-risk metric a reading or pattern is about. Readers treat unknown symbols as UNKNOWN.",
            "symbols": [
              "UNKNOWN",
              "FLOOD_RISK",
              "HEAT_INDEX",
              "DROUGHT_INDEX",
              "WILDFIRE_RISK",
              "AIR_QUALITY",
              "STORM_SURGE"
            ],
            "default": "UNKNOWN"
          }
        },
        "default": [],
        "doc": "Metrics the pattern is about, as its PatternDetected named them; empty in events written before version 2."
      },
      {
        "name": "previousPhase",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.patterns.PatternPhase",
          "doc": "Lifecycle phase of a pattern.",
          "symbols": [
            "UNKNOWN",
            "EMERGING",
            "STRENGTHENING",
            "WEAKENING",
            "DISSOLVED"
          ],
          "default": "UNKNOWN"
        },
        "doc": "Phase before this change."
      },
      {
        "name": "phase",
        "type": "dev.fieldline.patterns.PatternPhase",
        "doc": "Phase after this change."
      },
      {
        "name": "strength",
        "type": "double",
        "doc": "Strength after this change, from 0 to 1."
      },
      {
        "name": "confidence",
        "type": "double",
        "doc": "Confidence after this change, from 0 to 1."
      },
      {
        "name": "window",
        "type": {
          "type": "record",
          "name": "dev.fieldline.patterns.PatternWindow",
          "doc": "Time window a pattern was detected over.",
          "fields": [
            {
              "name": "start",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "Start of the window, inclusive, in UTC."
            },
            {
              "name": "end",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "End of the window, exclusive, in UTC."
            }
          ]
        },
        "doc": "Window the new strength was computed over."
      },
      {
        "name": "evidenceIds",
        "type": {
          "type": "array",
          "items": "string"
        },
        "doc": "Event ids of the observations behind this change."
      }
    ]
  },
  "dev.fieldline.relationships.RelationshipChanged": {
    "type": "record",
    "name": "dev.fieldline.relationships.RelationshipChanged",
    "doc": "A relationship changed strength or dissolved.",
    "fields": [
      {
        "name": "envelope",
        "type": {
          "type": "record",
          "name": "dev.fieldline.common.Envelope",
          "doc": "Metadata every Fieldline event carries: identity, lineage and origin.",
          "fields": [
            {
              "name": "eventId",
              "type": {
                "type": "string",
                "logicalType": "uuid"
              },
              "doc": "Unique id of this event; consumers use it for idempotency."
            },
            {
              "name": "eventType",
              "type": "string",
              "doc": "Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded."
            },
            {
              "name": "schemaVersion",
              "type": "int",
              "doc": "Version of the event contract the producer wrote (1 for the first release)."
            },
            {
              "name": "occurredAt",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "When the fact the event describes happened, in UTC."
            },
            {
              "name": "producer",
              "type": "string",
              "doc": "Name of the app that produced the event."
            },
            {
              "name": "correlationId",
              "type": "string",
              "doc": "Id shared by every event caused, directly or not, by one external request."
            },
            {
              "name": "causationId",
              "type": [
                "null",
                "string"
              ],
              "default": null,
              "doc": "Event id of the event whose handling produced this one; null for events caused by an external request."
            }
          ]
        },
        "doc": "Event metadata."
      },
      {
        "name": "relationshipId",
        "type": {
          "type": "string",
          "logicalType": "uuid"
        },
        "doc": "Id of the relationship."
      },
      {
        "name": "patternPairId",
        "type": "string",
        "doc": "Key of the pattern pair."
      },
      {
        "name": "kind",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.relationships.RelationshipKind",
          "doc": "How two patterns relate.",
          "symbols": [
            "UNKNOWN",
            "CO_OCCURS",
            "PRECEDES",
            "SPATIAL_NEIGHBOUR",
            "AMPLIFIES"
          ],
          "default": "UNKNOWN"
        },
        "doc": "How the patterns relate."
      },
      {
        "name": "previousStrength",
        "type": "double",
        "doc": "Strength before the change."
      },
      {
        "name": "strength",
        "type": "double",
        "doc": "Strength after the change."
      },
      {
        "name": "dissolved",
        "type": "boolean",
        "doc": "True when the relationship no longer holds."
      }
    ]
  },
  "dev.fieldline.relationships.RelationshipFormed": {
    "type": "record",
    "name": "dev.fieldline.relationships.RelationshipFormed",
    "doc": "Two patterns were found to be related.",
    "fields": [
      {
        "name": "envelope",
        "type": {
          "type": "record",
          "name": "dev.fieldline.common.Envelope",
          "doc": "Metadata every Fieldline event carries: identity, lineage and origin.",
          "fields": [
            {
              "name": "eventId",
              "type": {
                "type": "string",
                "logicalType": "uuid"
              },
              "doc": "Unique id of this event; consumers use it for idempotency."
            },
            {
              "name": "eventType",
              "type": "string",
              "doc": "Fully qualified Avro name of the event record, e.g. dev.fieldline.observations.ObservationRecorded."
            },
            {
              "name": "schemaVersion",
              "type": "int",
              "doc": "Version of the event contract the producer wrote (1 for the first release)."
            },
            {
              "name": "occurredAt",
              "type": {
                "type": "long",
                "logicalType": "timestamp-millis"
              },
              "doc": "When the fact the event describes happened, in UTC."
            },
            {
              "name": "producer",
              "type": "string",
              "doc": "Name of the app that produced the event."
            },
            {
              "name": "correlationId",
              "type": "string",
              "doc": "Id shared by every event caused, directly or not, by one external request."
            },
            {
              "name": "causationId",
              "type": [
                "null",
                "string"
              ],
              "default": null,
              "doc": "Event id of the event whose handling produced this one; null for events caused by an external request."
            }
          ]
        },
        "doc": "Event metadata."
      },
      {
        "name": "relationshipId",
        "type": {
          "type": "string",
          "logicalType": "uuid"
        },
        "doc": "Id of the relationship."
      },
      {
        "name": "patternPairId",
        "type": "string",
        "doc": "Key of the pattern pair (sorted pattern ids joined by \":\")."
      },
      {
        "name": "sourcePatternId",
        "type": "string",
        "doc": "Pattern the relationship starts from (the earlier one for PRECEDES)."
      },
      {
        "name": "targetPatternId",
        "type": "string",
        "doc": "Pattern the relationship points to."
      },
      {
        "name": "sourceRegionId",
        "type": "string",
        "doc": "Region of the source pattern."
      },
      {
        "name": "targetRegionId",
        "type": "string",
        "doc": "Region of the target pattern."
      },
      {
        "name": "kind",
        "type": {
          "type": "enum",
          "name": "dev.fieldline.relationships.RelationshipKind",
          "doc": "How two patterns relate.",
          "symbols": [
            "UNKNOWN",
            "CO_OCCURS",
            "PRECEDES",
            "SPATIAL_NEIGHBOUR",
            "AMPLIFIES"
          ],
          "default": "UNKNOWN"
        },
        "doc": "How the patterns relate."
      },
      {
        "name": "strength",
        "type": "double",
        "doc": "Strength of the relationship, from 0 to 1."
      },
      {
        "name": "lagMillis",
        "type": [
          "null",
          "long"
        ],
        "default": null,
        "doc": "Time from source to target, for PRECEDES; null otherwise."
      }
    ]
  }
};

/** The contract version this build writes into each event's envelope.schemaVersion. */
export const eventVersions: Readonly<Record<EventName, number>> = {
  "dev.fieldline.fieldstates.FieldStateUpdated": 1,
  "dev.fieldline.notifications.NotificationDelivered": 1,
  "dev.fieldline.notifications.NotificationFailed": 1,
  "dev.fieldline.notifications.NotificationRequested": 1,
  "dev.fieldline.observations.ObservationRecorded": 2,
  "dev.fieldline.patterns.PatternDetected": 1,
  "dev.fieldline.patterns.PatternEvolved": 2,
  "dev.fieldline.relationships.RelationshipChanged": 1,
  "dev.fieldline.relationships.RelationshipFormed": 1
};
