import { nextPageUrl } from './linkHeader';
import { RegistryError, registryErrorFrom, unreachableError } from './registryErrors';
import { parseWwwAuthenticate, type AuthChallenge } from './wwwAuthenticate';

/** What a registry is asked with: user and password, or an identity (refresh) token from a login. */
export interface RegistryCredentials {
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface RegistryClientOptions {
  /** Registry host[:port], or a URL; Docker Hub's names all mean registry-1.docker.io. */
  registry: string;
  credentials?: RegistryCredentials;
  /** Plain http; always so for localhost and loopback addresses, as the engine does. */
  insecure?: boolean;
  /** Per request; generous, since a registry's token service may be slow. */
  timeoutMs?: number;
  /** Entries asked for per page of `_catalog` and `tags/list` (the registry may send fewer). */
  pageSize?: number;
}

const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_PAGES = 1000;

/** "https://Reg.example:443/v1/" → "reg.example:443"; Docker Hub → registry-1.docker.io. */
export function registryHost(registry: string): string {
  const host = registry.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return HUB_HOSTS.has(host) ? 'registry-1.docker.io' : host;
}

/** Loopback registries speak http, as the engine allows for them without configuration. */
export function isLoopback(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

export interface FetchOptions {
  method?: string;
  accept?: readonly string[];
  /** The token scope to ask for when the registry's challenge does not name one. */
  scope?: string;
  signal?: AbortSignal;
  /** What the request is for, to begin the error message with. */
  what: string;
  /** Statuses the caller handles itself instead of an error. */
  allow?: readonly number[];
}

/**
 * The registry HTTP API v2 with anonymous, Basic and Bearer-token access, as the docker CLI and
 * engine do it: a request that gets 401 is retried once with what the challenge asks for. Tokens
 * are kept per scope in memory only and never logged.
 */
export class RegistryClient {
  readonly host: string;
  readonly baseUrl: string;
  private readonly tokens = new Map<string, string>();
  private basic = false;

  constructor(private readonly options: RegistryClientOptions) {
    this.host = registryHost(options.registry);
    const scheme = options.insecure || isLoopback(this.host) ? 'http' : 'https';
    this.baseUrl = `${scheme}://${this.host}`;
  }

  private get pageSize(): number {
    return this.options.pageSize ?? 1000;
  }

  get hasCredentials(): boolean {
    const c = this.options.credentials;
    return Boolean(c && ((c.username && c.password) || c.identitytoken));
  }

  /** GET /v2/: resolves when the registry accepts these credentials (or anonymous access). */
  async check(signal?: AbortSignal): Promise<void> {
    await this.fetch('/v2/', { what: `Signing in to ${this.host}`, signal, scope: '' });
  }

  /** Repository names from `_catalog`, every page; a RegistryError when the registry does not offer it. */
  async catalog(signal?: AbortSignal): Promise<string[]> {
    const names: string[] = [];
    for await (const page of this.pages<{ repositories?: string[] }>(`/v2/_catalog?n=${this.pageSize}`, 'registry:catalog:*', 'Listing repositories', signal)) {
      names.push(...(page.repositories ?? []));
    }
    return names;
  }

  /** Every tag of a repository, following the Link header page by page. */
  async tags(repository: string, signal?: AbortSignal): Promise<string[]> {
    const tags: string[] = [];
    const path = `/v2/${repository}/tags/list?n=${this.pageSize}`;
    for await (const page of this.pages<{ tags?: string[] | null }>(path, pullScope(repository), `Listing tags of ${repository}`, signal)) {
      tags.push(...(page.tags ?? []));
    }
    return tags;
  }

  private async *pages<T>(path: string, scope: string, what: string, signal?: AbortSignal): AsyncGenerator<T> {
    let url: string | undefined = this.baseUrl + path;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const response = await this.fetch(url, { what, scope, signal });
      yield (await response.json()) as T;
      url = nextPageUrl(response.headers.get('link'), url);
    }
  }

  /** A request with the registry's authentication dance; rejects with the registry's own message. */
  async fetch(pathOrUrl: string, options: FetchOptions): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : this.baseUrl + pathOrUrl;
    const scope = options.scope ?? '';
    let response = await this.send(url, options, this.authorization(scope));
    if (response.status === 401) {
      const authorization = await this.answerChallenge(parseWwwAuthenticate(response.headers.get('www-authenticate')), scope, options.signal);
      // Without an answer (Basic and no credentials) the first refusal is the registry's last word.
      if (authorization) {
        await response.body?.cancel();
        response = await this.send(url, options, authorization);
      }
    }
    if (response.ok || options.allow?.includes(response.status)) return response;
    const error = await registryErrorFrom(response, options.what);
    if (response.status === 401 && !this.hasCredentials) {
      throw new RegistryError(`${error.message} (no credentials are stored for ${this.host}: log in first)`, 401, error.codes);
    }
    throw error;
  }

  private async send(url: string, options: FetchOptions, authorization: string | undefined): Promise<Response> {
    const headers: Record<string, string> = {};
    if (options.accept) headers.accept = options.accept.join(', ');
    if (authorization) headers.authorization = authorization;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      return await fetch(url, { method: options.method ?? 'GET', headers, signal, redirect: 'follow' });
    } catch (error) {
      throw unreachableError(this.host, error);
    }
  }

  private authorization(scope: string): string | undefined {
    const token = this.tokens.get(scope);
    if (token) return `Bearer ${token}`;
    return this.basic ? this.basicHeader() : undefined;
  }

  private basicHeader(): string | undefined {
    const c = this.options.credentials;
    if (!c?.username || !c.password) return undefined;
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  }

  private async answerChallenge(challenges: AuthChallenge[], scope: string, signal?: AbortSignal): Promise<string | undefined> {
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    if (bearer) {
      const token = await this.fetchToken(bearer.params, scope, signal);
      this.tokens.set(scope, token);
      return `Bearer ${token}`;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      this.basic = true;
      return this.basicHeader();
    }
    return undefined;
  }

  /** The token service's answer for a scope: with the credentials when there are any, else anonymous. */
  private async fetchToken(params: Record<string, string>, fallbackScope: string, signal?: AbortSignal): Promise<string> {
    const realm = new URL(params.realm);
    const scope = params.scope ?? fallbackScope;
    const c = this.options.credentials;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const init: RequestInit = { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, headers: {} };
    if (c?.identitytoken) {
      // An identity token is a refresh token: OAuth2's POST form, as the engine sends it.
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.identitytoken, client_id: 'berth' });
      if (params.service) form.set('service', params.service);
      if (scope) form.set('scope', scope);
      init.method = 'POST';
      init.body = form;
    } else {
      if (params.service) realm.searchParams.set('service', params.service);
      if (scope) realm.searchParams.set('scope', scope);
      const basic = this.basicHeader();
      if (basic) init.headers = { authorization: basic };
    }
    let response: Response;
    try {
      response = await fetch(realm, init);
    } catch (error) {
      throw unreachableError(realm.host, error);
    }
    if (!response.ok) throw await registryErrorFrom(response, `Getting a token from ${realm.host}`);
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`The token service of ${this.host} answered without a token.`);
    return token;
  }
}

export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}
