export { decide } from './delivery-policy';
export type { Decision, SendHistory } from './delivery-policy';
export { matchSubscription, severityOf } from './match';
export type { Match } from './match';
export type { Notifiable } from './notifiable';
export { parseSubscription, subscriptionDefaults } from './parse-subscription';
export type { SubscriptionDraft } from './parse-subscription';
export type { Channel, Condition, Severity, Subscription } from './subscription';
