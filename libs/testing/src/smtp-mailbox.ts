import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message a test mail server accepted: its envelope and the message as a mail reader reads it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  mail: ParsedMail;
}

/** A real SMTP server on a free loopback port that keeps every message it accepts. */
export interface Mailbox {
  port: number;
  received: ReceivedMail[];
  /** RCPT TO answers per address: the n-th attempt's reply code, or undefined to accept. */
  refusals: Map<string, (attempt: number) => number | undefined>;
  /** While set, every connection is refused with 421 (a transient failure: retried later). */
  busy: boolean;
  /** What was received for an address. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/**
 * Starts a mail server for the email suites (npm `smtp-server`): plain SMTP on loopback, no
 * certificate to trust and no credentials; refusals and a busy spell are set by the test.
 */
export async function startMailbox(): Promise<Mailbox> {
  const tries = new Map<string, number>();
  const box: Mailbox = {
    port: 0,
    received: [],
    refusals: new Map(),
    busy: false,
    to: (address) => box.received.filter((r) => r.to.includes(address)),
    close: async () => undefined,
  };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      callback(box.busy ? smtpError(421, 'Try again later') : undefined);
    },
    onRcptTo(address, _session, callback) {
      const attempt = (tries.get(address.address) ?? 0) + 1;
      tries.set(address.address, attempt);
      const code = box.refusals.get(address.address)?.(attempt);
      if (code === undefined) return callback();
      callback(smtpError(code, code >= 500 ? 'No such user here' : 'Try again later'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            box.received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              mail,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  box.port = (server.server.address() as AddressInfo).port;
  box.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return box;
}
