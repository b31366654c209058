/** An error reply of Redis (`-ERR ...`, `-NOSCRIPT ...`). */
export class RedisReplyError extends Error {}

/** A reply: a string, an integer, null, an error, or an array of replies (RESP2). */
export type Reply = string | number | null | RedisReplyError | Reply[];

/**
 * A command in RESP, as a string for `socket.write`.
 *
 * @example
 * encodeCommand(['GET', 'k']); // '*2\r\n$3\r\nGET\r\n$1\r\nk\r\n'
 */
export function encodeCommand(args: readonly string[]): string {
  let text = `*${args.length}\r\n`;
  for (const arg of args) text += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
  return text;
}

const CR = 13;
/** Returned by a parse step when the reply is not complete yet. */
const INCOMPLETE = Symbol('incomplete');

/**
 * Reads replies out of the bytes a connection receives, however they are split into chunks. A reply cut across
 * chunks is parsed again from its start once the bytes it was known to lack have arrived.
 */
export class RespReader {
  /** The start of a reply cut short, and the chunks received since (copies: the caller reuses its buffer). */
  #rest: Buffer[] = [];
  #restSize = 0;
  /** How many bytes, from the start of the cut reply, it needs at least. */
  #needed = 0;
  #at = 0;

  /** Calls `onReply` for every complete reply in `chunk` (which the caller may reuse afterwards). */
  feed(chunk: Buffer, onReply: (reply: Reply) => void): void {
    let buffer = chunk;
    if (this.#restSize > 0) {
      this.#rest.push(Buffer.from(chunk));
      this.#restSize += chunk.length;
      if (this.#restSize < this.#needed) return;
      buffer = Buffer.concat(this.#rest, this.#restSize);
      this.reset();
    }
    let start = 0;
    while (start < buffer.length) {
      this.#at = start;
      this.#needed = 0;
      const reply = this.#parse(buffer);
      if (reply === INCOMPLETE) {
        this.#rest = [Buffer.from(buffer.subarray(start))];
        this.#restSize = buffer.length - start;
        this.#needed = Math.max(this.#needed, buffer.length + 1) - start;
        return;
      }
      start = this.#at;
      onReply(reply);
    }
  }

  /** Forgets a partial reply (the connection it came from is gone). */
  reset(): void {
    this.#rest = [];
    this.#restSize = 0;
    this.#needed = 0;
  }

  /** The text of the line at `#at` (without CRLF), moving past it; INCOMPLETE without a full line. */
  #line(buffer: Buffer): string | typeof INCOMPLETE {
    const end = buffer.indexOf(CR, this.#at);
    if (end < 0 || end + 1 >= buffer.length) return INCOMPLETE;
    const text = buffer.toString('latin1', this.#at, end);
    this.#at = end + 2;
    return text;
  }

  #parse(buffer: Buffer): Reply | typeof INCOMPLETE {
    const type = buffer[this.#at++];
    const line = this.#line(buffer);
    if (line === INCOMPLETE) return INCOMPLETE;
    switch (type) {
      case 0x2b: // + simple string
        return line;
      case 0x2d: // - error
        return new RedisReplyError(line);
      case 0x3a: // : integer
        return Number(line);
      case 0x24: {
        // $ bulk string
        const length = Number(line);
        if (length < 0) return null;
        if (this.#at + length + 2 > buffer.length) {
          this.#needed = this.#at + length + 2;
          return INCOMPLETE;
        }
        const text = buffer.toString('utf8', this.#at, this.#at + length);
        this.#at += length + 2;
        return text;
      }
      case 0x2a: {
        // * array
        const count = Number(line);
        if (count < 0) return null;
        const items: Reply[] = [];
        for (let i = 0; i < count; i++) {
          if (this.#at >= buffer.length) return INCOMPLETE;
          const item = this.#parse(buffer);
          if (item === INCOMPLETE) return INCOMPLETE;
          items.push(item);
        }
        return items;
      }
      default:
        throw new RedisReplyError(`unexpected RESP type byte ${String(type)}`);
    }
  }
}
