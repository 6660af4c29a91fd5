import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Trip {
  /** Text of the SQL statement to stop at, e.g. `INSERT INTO offers`. */
  statement: string;
  /** Stop at its n-th occurrence (from 1): the n-1 before it reached the database. */
  occurrence: number;
  /** Called when the statement is reached, before it is passed on (which it never is). */
  onTrip: () => void;
}

/**
 * A TCP proxy between a PostgreSQL client and the server that reads the client's protocol
 * messages and, once armed, stops the traffic right before the n-th statement containing a given
 * text: that statement never reaches the database, and `onTrip` can kill the client. A crash at an
 * exact point of a run, whatever the speed of the machine.
 */
export class StatementTripwire {
  private trip: Trip | undefined;
  private seen = 0;
  private tripped = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<StatementTripwire> {
    const server = createServer();
    const wire = new StatementTripwire(server, target);
    server.on('connection', (client) => wire.relay(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return wire;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${(this.server.address() as AddressInfo).port}/postgres`;
  }

  /** Arms the tripwire; `undefined` disarms it (the traffic then passes untouched). */
  arm(trip: Trip | undefined): void {
    this.trip = trip;
    this.seen = 0;
    this.tripped = false;
  }

  get hasTripped(): boolean {
    return this.tripped;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private relay(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.on('data', (chunk) => client.write(chunk));
    const frames = new FrameReader();
    client.on('data', (chunk: Buffer) => {
      for (const frame of frames.push(chunk)) {
        if (this.tripped) return;
        if (this.reaches(frame)) {
          this.tripped = true;
          this.trip?.onTrip();
          for (const socket of this.sockets) socket.destroy();
          return;
        }
        upstream.write(frame);
      }
    });
  }

  /** Whether this message is the armed statement's n-th occurrence. */
  private reaches(frame: Buffer): boolean {
    if (!this.trip) return false;
    const type = String.fromCharCode(frame[0] ?? 0);
    // Simple queries (Q) and the Parse step of parameterised ones (P) carry the SQL text.
    if (type !== 'Q' && type !== 'P') return false;
    if (!frame.toString('utf8').includes(this.trip.statement)) return false;
    this.seen++;
    return this.seen === this.trip.occurrence;
  }
}

/** Cuts a client's byte stream into protocol messages: the untyped startup message, then typed ones. */
class FrameReader {
  private buffer = Buffer.alloc(0);
  private started = false;

  *push(chunk: Buffer): Generator<Buffer> {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerLength = this.started ? 5 : 4;
      if (this.buffer.length < headerLength) return;
      const length = this.started ? 1 + this.buffer.readInt32BE(1) : this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return;
      yield this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      this.started = true;
    }
  }
}
