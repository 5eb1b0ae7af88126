const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go duration syntax (`1m30s`, `1.5s`, `250ms`, `0`) as nanoseconds; undefined when malformed or negative. */
export function parseDuration(text: string): number | undefined {
  const input = text.trim();
  if (input === '0') return 0;
  if (input === '' || input.startsWith('-')) return undefined;
  const body = input.startsWith('+') ? input.slice(1) : input;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < body.length) {
    part.lastIndex = pos;
    const match = part.exec(body);
    if (!match) return undefined;
    total += Number(match[1]) * DURATION_UNITS[match[2]];
    pos = part.lastIndex;
  }
  return pos === 0 ? undefined : Math.round(total);
}

const BYTE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/**
 * Docker's memory sizes (`512m`, `1.5g`, `2GiB`, `100`) as bytes; the multipliers are binary as in the
 * engine's own parser. A plain number is bytes.
 */
export function parseByteSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  const match = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP]?)[iI]?[bB]?$/.exec(value.trim());
  if (!match) return undefined;
  return Math.floor(Number(match[1]) * BYTE_UNITS[match[2].toLowerCase()]);
}

/** `cpus: 1.5` as the engine's NanoCpus. */
export function parseNanoCpus(value: string | number): number | undefined {
  const number = typeof value === 'number' ? value : /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(number) || number < 0) return undefined;
  return Math.round(number * 1e9);
}
