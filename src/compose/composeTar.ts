/**
 * A ustar archive of regular files, for the engine's archive upload (PUT /containers/{id}/archive),
 * which is how compose puts `environment:` and `content:` secrets and configs into a container.
 * Paths are relative to where the archive is extracted; each must fit the 100-byte name field.
 */
export function tarFiles(files: { path: string; content: string; mode?: number }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const file of files) {
    const body = Buffer.from(file.content, 'utf8');
    const name = Buffer.from(file.path, 'utf8');
    if (name.length > 100) throw new Error(`Path too long for the archive: ${file.path}`);
    const header = Buffer.alloc(512);
    name.copy(header, 0);
    writeOctal(header, 100, 8, file.mode ?? 0o444);
    writeOctal(header, 108, 8, 0);
    writeOctal(header, 116, 8, 0);
    writeOctal(header, 124, 12, body.length);
    writeOctal(header, 136, 12, Math.floor(Date.now() / 1000));
    header.fill(' ', 148, 156);
    header.write('0', 156, 'latin1');
    header.write('ustar\u000000', 257, 'latin1');
    let sum = 0;
    for (const byte of header) sum += byte;
    writeOctal(header, 148, 7, sum);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  // Two empty blocks end the archive.
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function writeOctal(buffer: Buffer, offset: number, width: number, value: number): void {
  buffer.write(`${value.toString(8).padStart(width - 1, '0')}\u0000`, offset, width, 'latin1');
}
