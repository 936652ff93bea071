import { componentNames, parseComponentName } from './component';
import { printStatus } from './commands/status';
import { describeEndpoints } from './commands/endpoints';
import { showLogs } from './commands/logs';
import { startEverything } from './commands/start';
import { testEverything } from './commands/test';
import { StackError } from './errors';
import { createStack } from './stack';

const usage = `Usage: npm run stack -- <command>

  up                 start PostgreSQL, Kafka and the schema registry (idempotent)
  down               stop exactly the processes the stack started
  status             show each component, its pid and health; exit 1 if any is unhealthy
  logs [name] [-f]   show (or follow) component logs: ${componentNames.join(', ')}
  restart <name>     restart one component
  reset              stop everything and delete its data (downloads are kept)
  start              up, run every app, stop on Ctrl-C (npm start)
  test               up, run every test, stop what it started (npm test)
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  const stack = createStack();
  switch (command) {
    case 'up':
      await stack.up();
      process.stdout.write(describeEndpoints(stack.endpoints));
      return 0;
    case 'down':
      await stack.down();
      return 0;
    case 'status':
      return (await printStatus(stack)) ? 0 : 1;
    case 'logs':
      await showLogs(stack, args);
      return 0;
    case 'restart':
      await stack.restart(parseComponentName(args[0]));
      return 0;
    case 'reset':
      await stack.reset();
      return 0;
    case 'start':
      return startEverything(stack);
    case 'test':
      return testEverything(stack, args);
    default:
      process.stderr.write(usage);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StackError) {
      process.stderr.write(`[stack] error: ${error.message}\n[stack] what to do: ${error.hint}\n`);
    } else {
      process.stderr.write(
        `[stack] unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
    }
    process.exit(1);
  },
);
