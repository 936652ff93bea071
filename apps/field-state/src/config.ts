import { integer } from '@fieldline/shared-config';

/** The field-state service's own settings, beside every service's (platform-service). */
export const fieldStateSettings = {
  checkpointIntervalMs: integer('FIELD_STATE_CHECKPOINT_INTERVAL_MS', {
    default: 10_000,
    min: 100,
  }),
};
