import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { authForRegistry, credentialHelperFor, helperServerAddress, type RegistryAuth } from './registryAuth';

// Docker Desktop and most Linux setups keep registry passwords in a credential store
// ("credsStore": "desktop", "pass", "secretservice", ...) rather than in config.json. The docker
// CLI asks the store's program, docker-credential-<name>, over stdin/stdout; Berth does the same.

export type HelperCredentials = Omit<RegistryAuth, 'serveraddress'>;

const HELPER_TIMEOUT_MS = 15_000;
/** What docker-credential-helpers print when they hold nothing for the server. */
const NOT_FOUND = /credentials not found/i;

/** The helper's answer to `get`: {"ServerURL", "Username", "Secret"}; "<token>" as the user name means an identity token. */
export function parseHelperAnswer(text: string): HelperCredentials | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { Username: username, Secret: secret } = parsed as { Username?: unknown; Secret?: unknown };
  if (typeof secret !== 'string' || secret === '') return undefined;
  if (username === '<token>') return { identitytoken: secret };
  return typeof username === 'string' && username !== '' ? { username, password: secret } : undefined;
}

/** The docker CLI's config.json (DOCKER_CONFIG or ~/.docker), or undefined when there is none. */
export function readDockerConfigText(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
  try {
    return fs.readFileSync(path.join(dir, 'config.json'), 'utf8');
  } catch {
    return undefined;
  }
}

/** Runs `docker-credential-<helper> <action>` with `input` on stdin; resolves with its stdout. */
function runHelper(helper: string, action: 'get' | 'store' | 'erase', input: string, env: NodeJS.ProcessEnv): Promise<string> {
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${program} did not answer within ${HELPER_TIMEOUT_MS / 1000} s (is the credential store locked?).`));
    }, HELPER_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new Error(`The Docker config names the credential helper "${helper}", but ${program} is not installed or not on PATH.`)
          : new Error(`${program} could not be run: ${error.message}`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // The helper's output may echo what it was given; only its error text goes into messages.
      const said = (code === 0 ? '' : stdout || stderr).trim();
      const who = action === 'get' ? program : `${program} ${action}`;
      if (code === 0) resolve(stdout);
      else reject(new HelperFailure(`${who} failed: ${said || `exit code ${code}`}`, said));
    });
    // A helper that exits before reading its input must not turn into an unhandled EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

class HelperFailure extends Error {
  constructor(
    message: string,
    readonly said: string,
  ) {
    super(message);
  }
}

/**
 * Runs `docker-credential-<helper> get` with the server address on stdin. Undefined when the store
 * has nothing for the server; an error, in words a user can act on, when the helper is missing or fails.
 */
export async function runCredentialHelper(helper: string, serverAddress: string, env: NodeJS.ProcessEnv = process.env): Promise<HelperCredentials | undefined> {
  try {
    return parseHelperAnswer(await runHelper(helper, 'get', serverAddress, env));
  } catch (error) {
    if (error instanceof HelperFailure && NOT_FOUND.test(error.said)) return undefined;
    throw error;
  }
}

/** `docker-credential-<helper> store`, as `docker login` does with a credsStore or credHelpers entry. */
export async function storeInCredentialHelper(helper: string, serverAddress: string, username: string, secret: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await runHelper(helper, 'store', JSON.stringify({ ServerURL: serverAddress, Username: username, Secret: secret }), env);
}

/** `docker-credential-<helper> erase`; nothing stored for the server is not an error. */
export async function eraseFromCredentialHelper(helper: string, serverAddress: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await runHelper(helper, 'erase', serverAddress, env);
  } catch (error) {
    if (error instanceof HelperFailure && NOT_FOUND.test(error.said)) return;
    throw error;
  }
}

export interface ResolvedAuth {
  auth?: RegistryAuth;
  /** The credential helper failed; the pull goes ahead without its credentials (public images still work). */
  warning?: string;
}

/**
 * Credentials for pulling from `registry` (undefined = Docker Hub), found as the docker CLI finds
 * them: the registry's credHelpers entry, else credsStore, else the auths section of config.json.
 */
export async function resolveRegistryAuth(registry: string | undefined, dockerConfigText: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedAuth> {
  const helper = credentialHelperFor(registry, dockerConfigText);
  let warning: string | undefined;
  if (helper) {
    const server = helperServerAddress(registry);
    try {
      const credentials = await runCredentialHelper(helper, server, env);
      if (credentials) return { auth: { ...credentials, serveraddress: server } };
    } catch (error) {
      warning = (error as Error).message;
    }
  }
  const auth = authForRegistry(registry, dockerConfigText);
  return { ...(auth ? { auth } : {}), ...(warning ? { warning } : {}) };
}
