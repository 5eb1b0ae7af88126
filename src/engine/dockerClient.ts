import Docker from 'dockerode';
import type { ResolvedEndpoint } from './endpoint';
import { SshAgent } from './sshAgent';

/** A dockerode client for an endpoint, with what it holds open (SSH connections) to dispose. */
export interface DockerClient {
  docker: Docker;
  dispose(): void;
}

/**
 * ssh:// endpoints go through SshAgent (one SSH connection for many requests, known_hosts checked)
 * instead of docker-modem's own ssh support, which connects anew for every request and accepts any
 * host key.
 */
export function createDockerClient(endpoint: ResolvedEndpoint): DockerClient {
  if (!endpoint.ssh) return { docker: new Docker(endpoint.options), dispose: () => undefined };
  const agent = new SshAgent(endpoint.ssh);
  // docker-modem takes an agent; dockerode's option types leave it out.
  const options = { protocol: 'http', host: endpoint.ssh.host, port: endpoint.ssh.port, agent } as Docker.DockerOptions;
  const docker = new Docker(options);
  return { docker, dispose: () => agent.destroy() };
}
