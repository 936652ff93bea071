import type { WebhookAdapter } from '../webhook-adapter';
import { floodwatchAdapter } from './floodwatch';
import { genericAdapter } from './generic';
import { stationHubAdapter } from './stationhub';

export const webhookAdapters: ReadonlyMap<string, WebhookAdapter> = new Map(
  [genericAdapter, stationHubAdapter, floodwatchAdapter].map((adapter) => [
    adapter.provider,
    adapter,
  ]),
);
