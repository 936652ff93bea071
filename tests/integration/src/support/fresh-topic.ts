import { topicCatalog, type TopicName, type TopicSpec } from '@fieldline/contracts';
import { uniqueName } from '@fieldline/testing';

/** A catalog topic under a fresh name, with its subjects renamed to match, so it starts empty. */
export function freshTopic(catalogName: TopicName): TopicSpec {
  const base = topicCatalog[catalogName];
  const name = uniqueName(catalogName);
  return {
    ...base,
    name,
    key: { ...base.key, subject: `${name}-key` },
    values: base.values.map((value) => ({ ...value, subject: `${name}-${value.recordName}` })),
  };
}
