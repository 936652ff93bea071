import { topicCatalog, type TopicSpec } from '@fieldline/contracts';
import { inspectTopics, provisionTopics } from '@fieldline/platform-kafka';
import { uniqueName } from '@fieldline/testing';
import { ConfigResourceTypes } from 'kafkajs';
import { kafkaSession } from '../support/kafka';

describe('topic provisioning from the catalog against the real broker', () => {
  const session = kafkaSession('topic-provisioning');
  afterAll(() => session.close());

  it('creates with the catalog settings fitted to one broker, then reports drift without altering', async () => {
    const admin = await session.runtimeAdmin();
    const kafkajsAdmin = await session.admin();
    const spec: TopicSpec = { ...topicCatalog.observations, name: uniqueName('observations') };

    const first = await provisionTopics(admin, [spec]);
    expect(first.create.map((topic) => topic.name)).toEqual([spec.name]);
    const created = (await inspectTopics(admin, [spec])).get(spec.name);
    expect(created).toEqual({
      partitions: spec.partitions,
      replicationFactor: 1,
      config: { ...spec.config, 'min.insync.replicas': '1' },
    });

    const second = await provisionTopics(admin, [spec]);
    expect(second).toEqual({ create: [], drift: [], upToDate: [spec.name] });

    await kafkajsAdmin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: spec.name,
          configEntries: [
            { name: 'retention.ms', value: '60000' },
            { name: 'cleanup.policy', value: 'delete' },
            { name: 'min.insync.replicas', value: '1' },
          ],
        },
      ],
    });
    const third = await provisionTopics(admin, [spec]);
    expect(third.drift).toEqual([
      {
        topic: spec.name,
        setting: 'retention.ms',
        expected: spec.config['retention.ms'],
        actual: '60000',
      },
    ]);
    expect((await inspectTopics(admin, [spec])).get(spec.name)?.config['retention.ms']).toBe(
      '60000',
    );
  });
});
