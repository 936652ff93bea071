// Compile-time checks of the generated topic map, verified by the typecheck target: each line
// marked as an expected error must fail to compile, or typecheck fails.
import type { EventsByName, TopicEventName, TopicKey, TopicName } from './index';

declare function publish<T extends TopicName, N extends TopicEventName<T>>(
  topic: T,
  key: TopicKey<T>,
  eventName: N,
  event: EventsByName[N],
): void;

const observationRecorded = 'dev.fieldline.observations.ObservationRecorded';
const patternDetected = 'dev.fieldline.patterns.PatternDetected';
const relationshipFormed = 'dev.fieldline.relationships.RelationshipFormed';
declare const observation: EventsByName[typeof observationRecorded];
declare const detected: EventsByName[typeof patternDetected];
declare const formed: EventsByName[typeof relationshipFormed];
const region = { regionId: 'r-1' };

export function compiles(): void {
  publish('observations', region, observationRecorded, observation);
  publish('patterns', region, patternDetected, detected);
  publish('relationships', { patternPairId: 'a:b' }, relationshipFormed, formed);
}

export function doesNotCompile(): void {
  // @ts-expect-error a pattern event is not allowed on the observations topic
  publish('observations', region, patternDetected, detected);
  // @ts-expect-error the payload must match the named event
  publish('patterns', region, patternDetected, observation);
  // @ts-expect-error relationships are keyed by pattern pair, not region
  publish('relationships', region, relationshipFormed, formed);
  // @ts-expect-error no such topic
  publish('observation', region, observationRecorded, observation);
}
