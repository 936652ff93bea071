import type { TopicName } from '@fieldline/contracts';
import { FieldlineError } from '@fieldline/shared-errors';
import type { Headers } from '../port/broker-port';

/** Headers that turn an event into a request and its answer into the reply. */
export const replyHeaders = {
  /** On a request: the catalog topic the requester reads replies from. */
  replyTo: 'fieldline-reply-to',
  /** On a reply: the event id of the request it answers. */
  inReplyTo: 'fieldline-in-reply-to',
} as const;

export interface ReplyAddress {
  readonly topic: TopicName;
  readonly requestId: string;
}

/** Where the reply to a handled request goes; a non-retriable error when it is no request. */
export function replyAddressOf(headers: Headers, requestId: string): ReplyAddress {
  const topic = headers[replyHeaders.replyTo];
  if (!topic) {
    throw new FieldlineError(
      'PERMANENT_FAILURE',
      `Event ${requestId} is not a request: it has no ${replyHeaders.replyTo} header`,
    );
  }
  return { topic: topic as TopicName, requestId };
}
