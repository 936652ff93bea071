export { fitToCluster, planTopics } from './topic-plan';
export type { ExistingTopic, TopicCreation, TopicDrift, TopicPlan } from './topic-plan';
export { inspectTopics, provisionTopics } from './topic-provisioning';
