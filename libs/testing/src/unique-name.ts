import { randomBytes } from 'node:crypto';

/**
 * A name no other test run will use: tests share one broker and registry, so every topic,
 * group and subject a test creates gets its own suffix.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
