/**
 * The names editors and the docker CLI treat as Dockerfiles: `Dockerfile`, `Containerfile`,
 * `Dockerfile.dev`, `api.Dockerfile` (any case). package.json's `resourceFilename` regex says the same.
 */
export function isDockerfileName(name: string): boolean {
  return /^((Dockerfile|Containerfile)(\..+)?|.+\.(Dockerfile|Containerfile))$/i.test(name);
}

/** The names a folder's own Dockerfile goes by, in the order the docker CLI and Podman look for them. */
export const FOLDER_DOCKERFILES: readonly string[] = ['Dockerfile', 'dockerfile', 'Containerfile', 'containerfile'];

/** A valid repository name from a folder name: "My App_2" → "my-app_2:latest"; "image:latest" when nothing usable remains. */
export function defaultImageTag(folderName: string): string {
  const repo = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    // A component starts and ends with a letter or digit; separators do not repeat.
    .replace(/[._-]{2,}/g, (run) => (run.includes('__') ? '__' : run[0]))
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `${repo || 'image'}:latest`;
}
