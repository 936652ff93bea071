import { integer } from '@fieldline/shared-config';

/** The relationship detector's own settings, beside every service's (platform-service). */
export const relationshipSettings = {
  checkpointIntervalMs: integer('RELATIONSHIP_CHECKPOINT_INTERVAL_MS', {
    default: 10_000,
    min: 100,
  }),
};
