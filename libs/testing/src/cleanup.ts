type CleanupStep = () => unknown | Promise<unknown>;

/**
 * Registers teardown next to the code that creates the resource, run in reverse order after
 * each test file: clients are always closed, even when a test fails halfway.
 */
export function createCleanup(): { add<T extends CleanupStep>(step: T): T; run(): Promise<void> } {
  const steps: CleanupStep[] = [];
  return {
    add(step) {
      steps.push(step);
      return step;
    },
    async run() {
      const errors: unknown[] = [];
      while (steps.length > 0) {
        const step = steps.pop() as CleanupStep;
        try {
          await step();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, 'cleanup failed');
    },
  };
}
