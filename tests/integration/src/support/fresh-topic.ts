import type { TopicName, TopicSpec } from '@fieldline/contracts';
import { TopicNames } from '@fieldline/platform-kafka';
import { uniqueName } from '@fieldline/testing';

/** A catalog topic under a fresh name, with its subjects renamed to match, so it starts empty. */
export function freshTopic(catalogName: TopicName): TopicSpec {
  return new TopicNames({ [catalogName]: uniqueName(catalogName) }).spec(catalogName);
}
