// Compose texts that once froze or crashed the loader, shared by the tests and bench/composeLoaderBench.ts.

export function billionLaughs(): string {
  let text = 'services:\n  web:\n    image: x\nx-lol:\n  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++) text += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]\n`;
  return text;
}

/** Each level merges the previous one twice: 2^levels entries once expanded. */
export function mergeKeyBomb(levels: number): string {
  let text = 'x-m0: &m0 {a: 1}\n';
  for (let i = 1; i < levels; i++) text += `x-m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}]}\n`;
  return `${text}services:\n  web:\n    <<: *m${levels - 1}\n    image: x\n`;
}

export const SELF_ALIASES: readonly string[] = [
  'services:\n  web:\n    image: x\nx-a: &a [*a]\n',
  'services:\n  web: &w\n    image: x\n    labels: *w\n',
  'services:\n  web: &w\n    <<: *w\n    image: x\n',
];

export function manyKeys(count: number, indent: string): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`${indent}k${i}: v`);
  return lines.join('\n');
}

/** 150,000 keys in one mapping (an environment), with one repeated at the end. */
export function wideMapping(): string {
  return `services:\n  web:\n    image: x\n    environment:\n${manyKeys(150_000, '      ')}\n      k7: again\n`;
}

export function deepNesting(levels: number): string {
  return `services:\n  web:\n    image: x\n    labels: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
}

/** A realistic project of `count` services, each with the keys real files use most. */
export function manyServices(count: number): string {
  const lines = ['name: big', 'x-common: &common', '  restart: unless-stopped', '  labels:', '    team: platform', 'services:'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  svc${i}:`,
      '    <<: *common',
      `    image: registry.example.com/team/svc${i}:\${TAG:-1.0}`,
      `    command: ["serve", "--port", "${8000 + (i % 1000)}"]`,
      '    environment:',
      `      SERVICE_NAME: svc${i}`,
      '      LOG_LEVEL: info',
      '    ports:',
      `      - "${10000 + i}:8080"`,
      '    volumes:',
      `      - ./data/svc${i}:/data`,
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 10s',
      '      retries: 3',
    );
    if (i > 0) lines.push('    depends_on:', `      - svc${i - 1}`);
  }
  return `${lines.join('\n')}\n`;
}
