import nodemailer, { type Transporter } from 'nodemailer';
import { FieldlineError } from '@fieldline/shared-errors';
import type { SignedMessage } from './signed-message';

/** Sends notifications as e-mail through one SMTP server; the signature rides in headers. */
export class EmailSender {
  private readonly transport: Transporter | undefined;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Well under the delivery deadline: a send still running when its attempt is retried
    // could arrive twice.
    this.transport = smtpUrl ? nodemailer.createTransport(withTimeouts(smtpUrl)) : undefined;
  }

  async send(
    to: string,
    subject: string,
    notificationId: string,
    message: SignedMessage,
  ): Promise<void> {
    if (!this.transport) {
      throw new FieldlineError('PERMANENT_FAILURE', 'e-mail is not configured: set SMTP_URL');
    }
    try {
      await this.transport.sendMail({
        from: this.from,
        to,
        subject,
        text: `${(JSON.parse(message.body) as { body: string }).body}\n\n${message.body}\n`,
        headers: {
          'X-Fieldline-Delivery': notificationId,
          'X-Fieldline-Timestamp': message.timestamp,
          'X-Fieldline-Signature': message.signature,
        },
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      throw new FieldlineError(
        code !== undefined && code >= 500 ? 'PERMANENT_FAILURE' : 'TRANSIENT_FAILURE',
        `SMTP refused the notification for ${to}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  close(): void {
    this.transport?.close();
  }
}

/** The SMTP URL with short timeouts, unless it sets its own (nodemailer reads them from the query). */
function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, ms] of [
    ['connectionTimeout', 3_000],
    ['greetingTimeout', 3_000],
    ['socketTimeout', 4_000],
  ] as const) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  }
  return url.toString();
}
