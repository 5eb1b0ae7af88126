import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readJson, writeAtomically } from '../engine/dockerContexts';
import { eraseFromCredentialHelper, storeInCredentialHelper } from './credentialHelper';
import { loginServerKey, withLogin, withLogout } from './dockerConfigAuths';
import { credentialHelperFor } from './registryAuth';
import { RegistryClient } from './registryClient';

export interface LoginRequest {
  server: string;
  username: string;
  password: string;
  insecure?: boolean;
  signal?: AbortSignal;
}

export interface LoginResult {
  /** Where the credentials went: the helper's name, or config.json. */
  storedIn: string;
  /** Set when the password sits base64-encoded in config.json, as the docker CLI warns. */
  plainTextWarning?: string;
}

/**
 * `docker login`: the credentials are checked against the registry (GET /v2/, answering its Basic or
 * Bearer challenge) and only then stored: through the credential helper config.json names for the
 * registry, else base64 in config.json's `auths`. Other keys of config.json are kept.
 */
export async function logIn(configDir: string, request: LoginRequest, env: NodeJS.ProcessEnv = process.env): Promise<LoginResult> {
  const client = new RegistryClient({ registry: request.server, credentials: { username: request.username, password: request.password }, insecure: request.insecure });
  await client.check(request.signal);
  const file = path.join(configDir, 'config.json');
  const config = (await readJson(file)) ?? {};
  const key = loginServerKey(request.server);
  const helper = credentialHelperFor(request.server, JSON.stringify(config));
  if (helper) {
    await storeInCredentialHelper(helper, key, request.username, request.password, env);
    await writeConfig(configDir, withLogin(config, request.server));
    return { storedIn: `docker-credential-${helper}` };
  }
  await writeConfig(configDir, withLogin(config, request.server, { username: request.username, password: request.password }));
  return {
    storedIn: file,
    plainTextWarning: `Your password is stored unencrypted in ${file}. Configure a credential helper ("credsStore") to keep it in a secret store.`,
  };
}

/** `docker logout`: erased from the helper (when one is configured) and from config.json's `auths`. */
export async function logOut(configDir: string, server: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = path.join(configDir, 'config.json');
  const config = (await readJson(file)) ?? {};
  const helper = credentialHelperFor(server, JSON.stringify(config));
  if (helper) await eraseFromCredentialHelper(helper, loginServerKey(server), env);
  await writeConfig(configDir, withLogout(config, server));
}

async function writeConfig(configDir: string, config: Record<string, unknown>): Promise<void> {
  await fs.mkdir(configDir, { recursive: true });
  // The CLI's own layout: tab-indented, readable only by the user (it may hold passwords).
  await writeAtomically(path.join(configDir, 'config.json'), JSON.stringify(config, null, '\t'), 0o600);
}
