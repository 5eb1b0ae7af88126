import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';

/** A file's content, or a symlink (`-> target`), or an empty folder (`/`); modes default to 0644. */
export type FixtureNode = string | { content: string; mode: number } | { symlink: string } | { dir: true };

export interface ContextCase {
  name: string;
  files: Record<string, FixtureNode>;
  dockerignore?: string;
  /** The Dockerfile relative to the context; default `Dockerfile`. */
  dockerfile?: string;
  /** Every entry Docker's CLI puts in the tar: folders end in `/`, symlinks read `name -> target`. */
  expected: string[];
}

/** Writes the case into a fresh temp folder (with a Dockerfile that lists what COPY received). */
export async function writeContext(testCase: ContextCase, dockerfileText = 'FROM scratch\n'): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-ctx-'));
  const dockerfile = testCase.dockerfile ?? 'Dockerfile';
  const files: Record<string, FixtureNode> = { [dockerfile]: dockerfileText, ...testCase.files };
  if (testCase.dockerignore !== undefined) files['.dockerignore'] = testCase.dockerignore;
  for (const [name, node] of Object.entries(files)) {
    const full = path.join(root, name);
    await fs.mkdir(path.dirname(full), { recursive: true });
    if (typeof node === 'string') await fs.writeFile(full, node);
    else if ('symlink' in node) await fs.symlink(node.symlink, full);
    else if ('dir' in node) await fs.mkdir(full, { recursive: true });
    else {
      await fs.writeFile(full, node.content);
      await fs.chmod(full, node.mode);
    }
  }
  return root;
}

export interface TarEntry {
  name: string;
  type: string;
  mode: number;
  size: number;
  mtime: Date;
  uid?: number;
  gid?: number;
  linkname?: string | null;
  content: Buffer;
}

/** Reads a whole tar stream back (test contexts are small). */
export function readTar(stream: Readable): Promise<TarEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: TarEntry[] = [];
    const ex = extract();
    ex.on('entry', (header, body, next) => {
      const chunks: Buffer[] = [];
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      body.on('end', () => {
        entries.push({ ...header, content: Buffer.concat(chunks) });
        next();
      });
    });
    ex.on('finish', () => resolve(entries));
    ex.on('error', reject);
    stream.on('error', reject);
    stream.pipe(ex);
  });
}

/** `name`, `dir/`, `link -> target`: the shape of ContextCase.expected. */
export function describeEntries(entries: TarEntry[]): string[] {
  return entries.map((e) => (e.type === 'symlink' ? `${e.name} -> ${e.linkname}` : e.name)).sort();
}

export const CONTEXT_CASES: ContextCase[] = [
  {
    name: 'the issue: **/*.log with an exception, and a file in a subfolder',
    dockerignore: '**/*.log\n!logs/important.log\nsub/ignored.txt\n',
    files: { 'logs/important.log': 'keep', 'logs/other.log': 'x', 'sub/ignored.txt': 'secret', 'sub/kept.txt': 'k', 'a/b/deep.log': 'x', 'top.log': 'x' },
    expected: ['.dockerignore', 'Dockerfile', 'a/', 'a/b/', 'logs/', 'logs/important.log', 'sub/', 'sub/kept.txt'],
  },
  {
    name: 'an excluded folder is walked for an exception below it, without its own entry',
    dockerignore: 'logs\n!logs/keep.txt\n',
    files: { 'logs/keep.txt': 'k', 'logs/drop.txt': 'd', 'logs/deeper/x.txt': 'x' },
    expected: ['.dockerignore', 'Dockerfile', 'logs/keep.txt'],
  },
  {
    name: 'everything but a few: "*" then exceptions; the Dockerfile and .dockerignore are kept',
    dockerignore: '*\n!src\n!package.json\n',
    files: { 'src/a.js': 'a', 'src/lib/b.js': 'b', 'package.json': '{}', 'README.md': 'r', 'node_modules/x/index.js': 'x' },
    expected: ['.dockerignore', 'Dockerfile', 'package.json', 'src/', 'src/a.js', 'src/lib/', 'src/lib/b.js'],
  },
  {
    name: '** at the start, end and middle',
    dockerignore: '**/node_modules\ndocs/**\n**/*.tmp\n!keep/**/*.tmp\n',
    files: {
      'node_modules/a': 'a',
      'pkg/node_modules/b': 'b',
      'pkg/index.js': 'i',
      'docs/x.md': 'x',
      'docs/sub/y.md': 'y',
      'keep/a.tmp': 'a',
      'keep/d/b.tmp': 'b',
      'other/c.tmp': 'c',
    },
    expected: ['.dockerignore', 'Dockerfile', 'docs/', 'keep/', 'keep/a.tmp', 'keep/d/', 'keep/d/b.tmp', 'other/', 'pkg/', 'pkg/index.js'],
  },
  {
    name: 'comments only at line start, whitespace, leading slash, .., CRLF and a BOM',
    dockerignore: '\uFEFF# a comment\r\n  /secret.txt  \r\n  # not a comment\r\nbuild/../tmp\r\npublic\r\n! /public/keep.txt\r\n\r\n',
    files: { 'secret.txt': 's', 'public/keep.txt': 'k', 'public/other.txt': 'o', 'tmp/x': 'x', '# not a comment': 'n', 'build/y': 'y', '# a comment': 'c' },
    expected: ['# a comment', '.dockerignore', 'Dockerfile', 'build/', 'build/y', 'public/keep.txt'],
  },
  {
    name: 'an excluded Dockerfile and .dockerignore still reach the engine',
    dockerignore: '.dockerignore\ndocker\n*.md\n',
    dockerfile: 'docker/app.Dockerfile',
    files: { 'docker/other.txt': 'o', 'README.md': 'r', 'app.txt': 'a' },
    expected: ['.dockerignore', 'app.txt', 'docker/app.Dockerfile'],
  },
  {
    name: '? and character classes',
    dockerignore: 'file?.txt\n[ab]*.cfg\n!b-keep.cfg\n',
    files: { 'file1.txt': '1', 'file22.txt': '2', 'a.cfg': 'a', 'b-keep.cfg': 'b', 'c.cfg': 'c', 'dir/file3.txt': '3' },
    expected: ['.dockerignore', 'Dockerfile', 'b-keep.cfg', 'c.cfg', 'dir/', 'dir/file3.txt', 'file22.txt'],
  },
  {
    name: 'symlinks are stored as links, never followed out of the context',
    dockerignore: 'ignored-link\n',
    files: { 'to-etc': { symlink: '/etc' }, 'to-parent': { symlink: '..' }, 'to-file': { symlink: 'data/file.txt' }, 'data/file.txt': 'f', 'ignored-link': { symlink: '/etc/passwd' } },
    expected: ['.dockerignore', 'Dockerfile', 'data/', 'data/file.txt', 'to-etc -> /etc', 'to-file -> data/file.txt', 'to-parent -> ..'],
  },
  {
    name: "Docker's prefix rule: an exception starting with ** does not reopen an excluded folder",
    dockerignore: 'dir\n!**/keep.txt\n',
    files: { 'dir/keep.txt': 'k', 'keep.txt': 'top', 'other/keep.txt': 'o' },
    expected: ['.dockerignore', 'Dockerfile', 'keep.txt', 'other/', 'other/keep.txt'],
  },
  {
    name: 'a later pattern wins; an exception before the exclusion does nothing',
    dockerignore: '!a.txt\n*.txt\n!b.txt\nb.txt\n',
    files: { 'a.txt': 'a', 'b.txt': 'b', 'c.dat': 'c', 'empty/': { dir: true } },
    expected: ['.dockerignore', 'Dockerfile', 'c.dat', 'empty/'],
  },
  {
    name: 'no .dockerignore: everything, with modes kept',
    files: { 'bin/run.sh': { content: '#!/bin/sh\n', mode: 0o755 }, 'private.key': { content: 'k', mode: 0o600 } },
    expected: ['Dockerfile', 'bin/', 'bin/run.sh', 'private.key'],
  },
];
