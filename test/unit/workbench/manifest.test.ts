import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';
import { isComposeFileName } from '../../../src/compose/composeFiles';

// Lints package.json the way VS Code and the Marketplace read it. Plain Node: the command ids of
// the registry are read from its source, since the registry module itself loads vscode.

interface MenuEntry {
  command?: string;
  submenu?: string;
  when?: string;
  group?: string;
}

interface CommandEntry {
  command: string;
  title: string;
  category?: string;
}

interface Manifest {
  contributes: {
    commands: CommandEntry[];
    menus: Record<string, MenuEntry[]>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

const manifestText = readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
const nls = JSON.parse(readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
const commands = manifest.contributes.commands;
const menus = manifest.contributes.menus;

/** A `%key%` placeholder resolved as VS Code does at load time. */
function resolve(value: string): string {
  const match = /^%(.+)%$/.exec(value);
  if (!match) return value;
  const text = nls[match[1]];
  assert.ok(text !== undefined, `package.nls.json has no "${match[1]}"`);
  return text;
}

function registryIds(): string[] {
  const source = readFileSync(path.join(repoRoot, 'src', 'workbench', 'commandRegistry.ts'), 'utf8');
  const table = /export const COMMANDS[^{]*\{([\s\S]*?)\n\};/.exec(source);
  assert.ok(table, 'COMMANDS table not found in commandRegistry.ts');
  return [...table[1].matchAll(/^\s*'([\w.]+)':/gm)].map((m) => m[1]);
}

function allMenuEntries(): Array<{ menu: string; entry: MenuEntry }> {
  return Object.entries(menus).flatMap(([menu, entries]) => entries.map((entry) => ({ menu, entry })));
}

/** Every string under these keys is shown to users and must come from package.nls.json. */
function userFacingStrings(): Array<{ where: string; value: string }> {
  const found: Array<{ where: string; value: string }> = [];
  const keys = new Set(['title', 'name', 'contextualTitle', 'contents', 'description', 'markdownDescription', 'enumDescriptions', 'category']);
  const walk = (value: unknown, where: string, shown: boolean): void => {
    if (typeof value === 'string') {
      if (shown) found.push({ where, value });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${where}[${i}]`, shown));
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, `${where}.${key}`, keys.has(key));
    }
  };
  walk(manifest.contributes, 'contributes', false);
  walk(manifest.capabilities, 'capabilities', false);
  return found;
}

describe('package.json conventions', () => {
  it('every menu group order is a number (VS Code sorts "2_tools@0_5" as NaN)', () => {
    for (const { menu, entry } of allMenuEntries()) {
      if (!entry.group?.includes('@')) continue;
      const order = entry.group.slice(entry.group.lastIndexOf('@') + 1);
      assert.ok(order !== '' && Number.isFinite(Number(order)), `${menu} ${entry.command}: group "${entry.group}"`);
    }
  });

  it('command titles are unique within their category', () => {
    const seen = new Map<string, string>();
    for (const command of commands) {
      const title = `${resolve(command.category ?? '')}: ${resolve(command.title)}`;
      assert.equal(seen.get(title), undefined, `"${title}" is the title of ${seen.get(title)} and ${command.command}`);
      seen.set(title, command.command);
    }
  });

  it('titles use one ellipsis style, three dots, and only at the end', () => {
    for (const command of commands) {
      const title = resolve(command.title);
      assert.ok(!title.includes('…'), `${command.command}: "${title}" uses "…"; titles use "..."`);
      assert.ok(!title.slice(0, -3).includes('...'), `${command.command}: "${title}"`);
    }
  });

  it('the command registry and the contributed commands list the same ids', () => {
    const registered = registryIds();
    assert.ok(registered.length > 10, `only ${registered.length} ids parsed from commandRegistry.ts`);
    assert.deepEqual([...registered].sort(), commands.map((c) => c.command).sort());
    assert.equal(new Set(registered).size, registered.length, 'an id is registered twice');
  });

  it('every menu entry names a contributed command', () => {
    const ids = new Set(commands.map((c) => c.command));
    for (const { menu, entry } of allMenuEntries()) {
      if (entry.command !== undefined) assert.ok(ids.has(entry.command), `${menu}: unknown command ${entry.command}`);
    }
  });

  it('every user-facing string is a %key% with a text in package.nls.json, and every text is used', () => {
    const strings = userFacingStrings();
    assert.ok(strings.length > 100, `only ${strings.length} user-facing strings found`);
    for (const { where, value } of strings) {
      assert.match(value, /^%[\w.-]+%$/, `${where} is not localizable: "${value}"`);
      resolve(value);
    }
    const used = new Set([...manifestText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]));
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json: "${key}" is not used`);
  });

  it('compose commands are offered in the palette and editor menus only for compose files', () => {
    const composeIds = commands.map((c) => c.command).filter((id) => id.startsWith('berth.compose.'));
    assert.ok(composeIds.length >= 5);
    for (const menu of ['commandPalette', 'editor/title', 'editor/context']) {
      for (const id of composeIds) {
        for (const entry of (menus[menu] ?? []).filter((e) => e.command === id)) {
          assert.match(entry.when ?? '', /\bberth\.isComposeFile\b/, `${menu} ${id}: when "${entry.when}"`);
        }
      }
    }
    for (const id of composeIds) {
      const palette = (menus.commandPalette ?? []).find((e) => e.command === id);
      assert.ok(palette, `${id} has no commandPalette entry, so it shows for every file`);
    }
  });

  it("menus keyed on the file name (explorer, editor tabs) use compose's own naming rule", () => {
    const names = [
      'compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'Compose.YAML', 'compose.override.yaml',
      'docker-compose.prod.yml', 'compose.dev-local.yaml', 'compose.json', 'mycompose.yaml', 'compose.yaml.bak',
      'docker-compose', 'values.yaml', 'docker_compose.yml',
    ];
    let checked = 0;
    for (const menu of ['explorer/context', 'editor/title/context']) {
      for (const entry of menus[menu] ?? []) {
        if (!entry.command?.startsWith('berth.compose.')) continue;
        const match = /resourceFilename =~ \/(.+)\/(\w*)/.exec(entry.when ?? '');
        assert.ok(match, `${menu} ${entry.command}: when "${entry.when}"`);
        const pattern = new RegExp(match[1], match[2]);
        for (const name of names) assert.equal(pattern.test(name), isComposeFileName(name), `${menu} ${entry.command}: ${name}`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `${checked} file-name menu entries checked`);
  });
});

describe('packaging', () => {
  it('the .vsix carries every bundle the build writes (the extension, its workers, the webviews)', () => {
    const build = readFileSync(path.join(repoRoot, 'scripts', 'build.mjs'), 'utf8');
    const ignore = readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    const bundles = [...build.matchAll(/'(dist\/[\w.-]+\.js)'/g)].map((m) => m[1]);
    assert.ok(bundles.length >= 3, `bundles found in scripts/build.mjs: ${bundles.join(', ')}`);
    for (const bundle of bundles) assert.ok(ignore.includes(`!${bundle}`), `${bundle} is built but not packaged: add !${bundle} to .vscodeignore`);
    assert.ok(ignore.includes('!dist/webviews/*.js'), 'the webview bundles are packaged');
  });
});
