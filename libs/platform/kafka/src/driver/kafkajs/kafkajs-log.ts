import { logLevel, type LogEntry } from 'kafkajs';
import { rejoinTypes } from './kafkajs-errors';

export type DriverLog = (level: 'error' | 'warn', message: string, fields: object) => void;

// Retries are bounded on purpose (see retry-budget.ts); kafkajs warns about it on every producer.
const expectedWarnings = [/Limiting retries for the idempotent producer/];

// kafkajs' table of protocol errors: which answers it treats as retriable. A member told to
// rejoin its group (a rebalance) rejoins; that is how groups work, not an error either.
const { errorCodes } = require('kafkajs/src/protocol/error') as {
  errorCodes: { type: string; message: string; retriable: boolean }[];
};
const retriedAnswers = new Set(
  errorCodes
    .filter((code) => code.retriable || rejoinTypes.has(code.type))
    .map((code) => code.message),
);

/**
 * kafkajs' log entries as the runtime logs them. kafkajs logs every error answer from a broker
 * at error level, even the retriable ones that it (or the runtime) retries: a leader moving, a
 * transaction's markers still being written, a group rebalancing. Those are dropped, or warnings when `verbose`; an
 * answer that outlasts its retries reaches the caller as the error it is.
 */
export function kafkajsLogCreator(log: DriverLog, verbose: boolean) {
  return () =>
    ({ level, log: entry }: LogEntry): void => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry;
      if (expectedWarnings.some((pattern) => pattern.test(message))) return;
      const retried =
        message.startsWith('Response ') && retriedAnswers.has(String(fields['error']));
      if (retried && !verbose) return;
      log(level === logLevel.ERROR && !retried ? 'error' : 'warn', message, fields);
    };
}
