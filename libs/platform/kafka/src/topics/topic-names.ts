import { topicCatalog, type TopicName, type TopicSpec } from '@fieldline/contracts';

/**
 * Catalog names mapped to the names topics have on this cluster, e.g. an environment prefix or
 * a test's private copy. Unmapped topics keep their catalog name.
 */
export type TopicNameMap = Readonly<Partial<Record<TopicName, string>>>;

export class TopicNames {
  private readonly logicalByPhysical = new Map<string, TopicName>();
  private readonly specs = new Map<TopicName, TopicSpec>();

  constructor(private readonly mapping: TopicNameMap = {}) {
    for (const logical of Object.keys(topicCatalog) as TopicName[]) {
      this.logicalByPhysical.set(this.physical(logical), logical);
    }
  }

  physical(topic: TopicName): string {
    return this.mapping[topic] ?? topic;
  }

  /** The catalog topic a cluster topic stands for; undefined for topics outside the catalog. */
  logical(physical: string): TopicName | undefined {
    return this.logicalByPhysical.get(physical);
  }

  /** The catalog's spec of `topic` under its cluster name, with subjects named after it. */
  spec(topic: TopicName): TopicSpec {
    let spec = this.specs.get(topic);
    if (!spec) {
      spec = this.renamed(topic);
      this.specs.set(topic, spec);
    }
    return spec;
  }

  private renamed(topic: TopicName): TopicSpec {
    const base = topicCatalog[topic];
    const name = this.physical(topic);
    if (name === base.name) return base;
    return {
      ...base,
      name,
      key: { ...base.key, subject: `${name}-key` },
      values: base.values.map((value) => ({ ...value, subject: `${name}-${value.recordName}` })),
    };
  }
}

/**
 * Every catalog topic under `<namespace>.<topic>`: an environment, a tenant or a test sharing a
 * cluster with others. The empty namespace is the catalog's own names.
 */
export function namespacedTopicNames(namespace: string): TopicNameMap {
  if (namespace === '') return {};
  return Object.fromEntries(
    (Object.keys(topicCatalog) as TopicName[]).map((topic) => [topic, `${namespace}.${topic}`]),
  );
}

/** A consumer group (or transactional id prefix) in a namespace. */
export function namespacedGroup(namespace: string, group: string): string {
  return namespace === '' ? group : `${namespace}.${group}`;
}
