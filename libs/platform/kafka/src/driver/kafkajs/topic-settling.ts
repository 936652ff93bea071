import { setTimeout as sleep } from 'node:timers/promises';
import { protocolErrorType } from './kafkajs-errors';

/** Answers about a topic whose metadata has not reached every broker yet (just created). */
const settlingTopicTypes = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Runs `work`, asking again for a few seconds while it fails because a topic's metadata is
 * still settling. A broker learns of a topic the controller has just created a moment later
 * than the controller answers, and a broker that has just restarted can briefly not know it.
 */
export async function whileTopicsSettle<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const type = protocolErrorType(error);
      if (attempt >= 10 || type === undefined || !settlingTopicTypes.has(type)) throw error;
      await sleep(200 * attempt);
    }
  }
}
