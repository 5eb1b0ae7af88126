// tar-stream 2.x ships no types (DefinitelyTyped's @types/tar-stream describes 3.x); this covers what Berth uses.
declare module 'tar-stream' {
  import { Readable, Writable } from 'node:stream';

  export type EntryType = 'file' | 'directory' | 'symlink' | 'link' | 'fifo' | 'character-device' | 'block-device';

  export interface Headers {
    name: string;
    size?: number;
    mode?: number;
    mtime?: Date;
    type?: EntryType;
    linkname?: string | null;
    uid?: number;
    gid?: number;
    devmajor?: number;
    devminor?: number;
  }

  export interface Pack extends Readable {
    /** Queues one entry; `callback` runs once it is written and the reader wants more. */
    entry(header: Headers, buffer: Buffer, callback?: (err?: Error | null) => void): Writable;
    /** Streams a file entry: write exactly `header.size` bytes to the returned stream. */
    entry(header: Headers, callback?: (err?: Error | null) => void): Writable;
    finalize(): void;
    destroy(err?: Error): this;
  }

  export interface Extract extends Writable {
    on(event: 'entry', listener: (header: Required<Pick<Headers, 'name' | 'type' | 'mode' | 'size' | 'mtime'>> & Headers, stream: Readable, next: () => void) => void): this;
    on(event: 'finish' | 'close', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
  }

  export function pack(): Pack;
  export function extract(): Extract;
}
