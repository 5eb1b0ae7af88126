import type * as vscode from 'vscode';

const KEY = 'berth.registries.repositories';

/** Repositories the user added per registry, for registries whose catalog is closed (Docker Hub, most clouds). */
export class RememberedRepositories {
  constructor(private readonly memento: vscode.Memento) {}

  get(host: string): string[] {
    return this.all()[host] ?? [];
  }

  async add(host: string, repository: string): Promise<void> {
    const all = this.all();
    const list = all[host] ?? [];
    if (!list.includes(repository)) await this.memento.update(KEY, { ...all, [host]: [...list, repository] });
  }

  async remove(host: string, repository: string): Promise<void> {
    const all = this.all();
    await this.memento.update(KEY, { ...all, [host]: (all[host] ?? []).filter((r) => r !== repository) });
  }

  private all(): Record<string, string[]> {
    return this.memento.get<Record<string, string[]>>(KEY) ?? {};
  }
}
