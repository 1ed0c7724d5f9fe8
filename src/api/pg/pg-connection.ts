// One client socket: the framer cuts the stream into messages, which are handled one at a
// time with the socket paused meanwhile (a client that floods is held back by TCP). Before
// the startup: TLS and GSSAPI encryption are declined, a cancel request is handed over.
// After it: authentication, then a PgSession answers everything.

import { randomInt } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Logger } from '../../ports/logger.js';
import { authDecision, md5Matches, type PgAuthPolicy } from './pg-auth.js';
import * as msg from './pg-backend-messages.js';
import { pgError } from './pg-error.js';
import { type FramedMessage, PgMessageFramer } from './pg-message-framer.js';
import { PgSession, type PgSqlRunner } from './pg-session.js';

export interface PgConnectionOptions {
  readonly auth: PgAuthPolicy;
  readonly run: PgSqlRunner;
  readonly logger: Logger;
  /** Messages larger than this are skipped and answered with an error. */
  readonly maxMessageBytes: number;
  /** A client that has not authenticated after this long is disconnected. */
  readonly startupTimeoutMs: number;
  /** A cancel request arrived on this socket: cancel the session with this key. */
  readonly onCancel: (processId: number, secret: number) => void;
}

type Phase =
  | { readonly name: 'startup' }
  | {
      readonly name: 'password';
      readonly user: string;
      readonly salt: Uint8Array;
      readonly parameters: Params;
    }
  | { readonly name: 'session'; readonly session: PgSession }
  | { readonly name: 'closed' };

type Params = Readonly<Record<string, string>>;

export class PgConnection {
  /** The key a cancel request must name (sent to the client as BackendKeyData). */
  readonly processId = randomInt(1, 0x7fffffff);
  readonly secret = randomInt(1, 0x7fffffff);
  private phase: Phase = { name: 'startup' };
  private readonly framer: PgMessageFramer;
  private readonly queue: FramedMessage[] = [];
  private draining = false;
  private readonly startupTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: Socket,
    private readonly options: PgConnectionOptions,
  ) {
    this.framer = new PgMessageFramer(options.maxMessageBytes);
    socket.on('data', (chunk: Buffer) => {
      this.queue.push(...this.framer.feed(chunk));
      void this.drain();
    });
    this.startupTimer = setTimeout(
      () => this.fatal('08006', 'Authentication took too long; connect again.'),
      options.startupTimeoutMs,
    );
    this.startupTimer.unref();
    socket.once('close', () => {
      clearTimeout(this.startupTimer);
      this.cancel();
      this.phase = { name: 'closed' };
    });
  }

  /** Stops the running query (a cancel request with this connection's key). */
  cancel(): void {
    if (this.phase.name === 'session') this.phase.session.cancel();
  }

  /** Closes the connection, telling the client why (server shutdown). */
  terminate(message: string): void {
    this.fatal('57P01', message);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    this.socket.pause();
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        if (this.phase.name === 'closed') break;
        await this.handle(next);
      }
    } finally {
      this.draining = false;
      if (this.phase.name !== 'closed') this.socket.resume();
    }
  }

  private async handle(message: FramedMessage): Promise<void> {
    const phase = this.phase;
    switch (message.kind) {
      case 'ssl-request':
      case 'gssenc-request':
        // No encryption on this port: the client goes on in plain text or gives up, as it chooses.
        return this.write(Buffer.from('N'));
      case 'cancel':
        this.options.onCancel(message.processId, message.secret);
        this.close();
        return;
      case 'broken':
        return this.fatal('08P01', `Protocol violation: ${message.reason}.`);
      case 'startup':
        return this.startup(message.parameters);
      case 'oversized':
        if (phase.name === 'session') return phase.session.rejectOversized(message.type, message.bytes);
        return this.fatal('08P01', `Message ${message.type} of ${message.bytes} bytes is too large.`);
      case 'typed':
        if (phase.name === 'session') return phase.session.handle(message.data);
        if (phase.name === 'password') return this.password(message.data, phase);
        return this.fatal('08P01', 'Protocol violation: a message before the startup.');
    }
  }

  private startup(parameters: Params): void {
    const decision = authDecision(this.options.auth, this.socket.remoteAddress);
    if (decision.kind === 'refuse') {
      this.fatal('28000', decision.message);
    } else if (decision.kind === 'trust') {
      this.begin(parameters);
    } else {
      this.phase = { name: 'password', user: parameters.user ?? '', salt: decision.salt, parameters };
      this.write(msg.authenticationMd5(decision.salt));
    }
  }

  private password(data: Buffer, phase: Extract<Phase, { name: 'password' }>): void {
    const password = this.options.auth.password;
    const presented = data.subarray(5).toString('utf8').replace(/\0$/, '');
    if (data[0] !== 'p'.charCodeAt(0) || !password) {
      this.fatal('08P01', 'Expected a password message.');
    } else if (!md5Matches(presented, phase.user, password, phase.salt)) {
      this.options.logger.warn('pg.auth.failed', { user: phase.user, remote: this.socket.remoteAddress });
      this.fatal('28P01', `password authentication failed for user "${phase.user}"`);
    } else {
      this.begin(phase.parameters);
    }
  }

  private begin(parameters: Params): void {
    clearTimeout(this.startupTimer);
    const user = parameters.user ?? '';
    const session = new PgSession({
      run: this.options.run,
      send: (bytes) => this.write(bytes),
      end: () => this.close(),
      user,
      database: parameters.database || user,
      applicationName: parameters.application_name,
      logger: this.options.logger,
    });
    this.phase = { name: 'session', session };
    const parts = [msg.authenticationOk()];
    for (const [name, value] of session.reportedSettings()) parts.push(msg.parameterStatus(name, value));
    parts.push(msg.backendKeyData(this.processId, this.secret), msg.readyForQuery('I'));
    this.write(Buffer.concat(parts));
  }

  private fatal(code: string, message: string): void {
    this.write(msg.errorResponse(pgError(code, message, 'FATAL')));
    this.close();
  }

  private close(): void {
    this.phase = { name: 'closed' };
    this.queue.length = 0;
    this.socket.end();
  }

  private write(bytes: Buffer): void {
    if (this.socket.writable) this.socket.write(bytes);
  }
}
