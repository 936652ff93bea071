import { topicCatalog } from '@fieldline/contracts';
import { fitToCluster, planTopics, type ExistingTopic } from './topic-plan';

const observations = topicCatalog.observations;

describe('fitToCluster', () => {
  it('keeps production settings on a cluster big enough for them', () => {
    const fitted = fitToCluster(observations, 5);
    expect(fitted.replicationFactor).toBe(observations.replicationFactor);
    expect(fitted.config['min.insync.replicas']).toBe(observations.config['min.insync.replicas']);
  });

  it('caps replication factor and min.insync.replicas on a single broker', () => {
    const fitted = fitToCluster(observations, 1);
    expect(fitted).toMatchObject({ replicationFactor: 1, partitions: observations.partitions });
    expect(fitted.config).toMatchObject({ 'min.insync.replicas': '1', 'cleanup.policy': 'delete' });
  });
});

describe('planTopics', () => {
  const asCreated = (brokers: number): ExistingTopic => {
    const fitted = fitToCluster(observations, brokers);
    return {
      partitions: fitted.partitions,
      replicationFactor: fitted.replicationFactor,
      config: fitted.config,
    };
  };

  it('creates missing topics and leaves matching ones alone', () => {
    const plan = planTopics(
      [observations, topicCatalog.patterns],
      new Map([['observations', asCreated(1)]]),
      1,
    );
    expect(plan.create.map((topic) => topic.name)).toEqual(['patterns']);
    expect(plan.upToDate).toEqual(['observations']);
    expect(plan.drift).toEqual([]);
  });

  it('reports each drifted setting with expected and actual values', () => {
    const drifted: ExistingTopic = {
      ...asCreated(1),
      partitions: 3,
      config: { ...asCreated(1).config, 'retention.ms': '1000', 'cleanup.policy': undefined },
    };
    const plan = planTopics([observations], new Map([['observations', drifted]]), 1);
    expect(plan.create).toEqual([]);
    expect(plan.drift).toEqual([
      { topic: 'observations', setting: 'partitions', expected: '6', actual: '3' },
      { topic: 'observations', setting: 'cleanup.policy', expected: 'delete', actual: '(unset)' },
      {
        topic: 'observations',
        setting: 'retention.ms',
        expected: observations.config['retention.ms'],
        actual: '1000',
      },
    ]);
  });

  it('does not call a fully replicated topic drifted while brokers are down', () => {
    const production: ExistingTopic = asCreated(3);
    const plan = planTopics([observations], new Map([['observations', production]]), 2);
    expect(plan.drift).toEqual([]);
  });

  it('reports a topic with fewer replicas than the cluster can hold', () => {
    const plan = planTopics([observations], new Map([['observations', asCreated(1)]]), 3);
    expect(plan.drift).toEqual([
      { topic: 'observations', setting: 'replication.factor', expected: '3', actual: '1' },
    ]);
  });
});
