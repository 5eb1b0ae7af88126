import { compareNames } from '../../workbench/format';
import type { ContainerDetails } from '../containerDetails';
import { DetailNode, DetailSectionNode, EnvVarNode } from './detailNodes';
import type { BerthNode } from '../../workbench/listProvider';

function when(iso: string | undefined): string | undefined {
  if (!iso || iso.startsWith('0001-')) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toLocaleString();
}

/** The sections shown when a container is expanded, built from its inspect data. */
export function containerDetailNodes(d: ContainerDetails): BerthNode[] {
  const key = (section: string, part: string | number): string => `container:${d.id}:${section}:${part}`;
  const sections: BerthNode[] = [];

  const ports = d.ports.map(
    (p, i) =>
      new DetailNode(
        p.hostPort !== undefined
          ? {
              label: `${p.hostIp && p.hostIp !== '0.0.0.0' && p.hostIp !== '::' ? `${p.hostIp}:` : ''}${p.hostPort} → ${p.containerPort}/${p.protocol}`,
              description: p.url,
              icon: 'link-external',
              tooltip: p.url ? `Open ${p.url}` : undefined,
              command: p.url ? { title: 'Open in Browser', command: 'berth.container.openPort', arguments: [p.url] } : undefined,
              contextValue: p.url ? 'detail.port' : 'detail',
            }
          : { label: `${p.containerPort}/${p.protocol}`, description: 'not published', icon: 'plug' },
        key('port', i),
      ),
  );
  if (ports.length > 0) sections.push(new DetailSectionNode('Ports', 'plug', ports, key('section', 'ports'), true));

  const mounts = d.mounts.map(
    (m, i) =>
      new DetailNode(
        {
          label: m.target,
          description: `${m.type === 'volume' ? `volume ${m.name ?? m.source}` : `${m.type} ${m.source}`}${m.readOnly ? ' · read-only' : ''}`,
          icon: m.type === 'volume' ? 'database' : m.type === 'bind' ? 'folder' : 'file',
          tooltip: `${m.type} ${m.source} → ${m.target}${m.readOnly ? ' (read-only)' : ''}`,
        },
        key('mount', i),
      ),
  );
  if (mounts.length > 0) sections.push(new DetailSectionNode('Mounts', 'database', mounts, key('section', 'mounts')));

  const networks = d.networks.map(
    (n) =>
      new DetailNode(
        {
          label: n.name,
          description: [n.ipAddress, n.ipv6Address].filter(Boolean).join(', ') || 'no address',
          icon: 'type-hierarchy-sub',
          tooltip: n.aliases.length > 0 ? `Aliases: ${n.aliases.join(', ')}` : undefined,
        },
        key('network', n.name),
      ),
  );
  if (networks.length > 0) sections.push(new DetailSectionNode('Networks', 'type-hierarchy-sub', networks, key('section', 'networks')));

  const env = d.env.map((e) => new EnvVarNode(e.name, e.value, e.secret, key('env', e.name)));
  if (env.length > 0) sections.push(new DetailSectionNode('Environment', 'symbol-variable', env, key('section', 'env')));

  const labels = Object.entries(d.labels)
    .sort(([a], [b]) => compareNames(a, b))
    .map(([name, value]) => new DetailNode({ label: name, description: value, icon: 'tag', tooltip: `${name}=${value}` }, key('label', name)));
  if (labels.length > 0) sections.push(new DetailSectionNode('Labels', 'tag', labels, key('section', 'labels')));

  const facts: [string, string | undefined][] = [
    ['Created', when(d.created)],
    ['Started', when(d.startedAt)],
    ['Finished', d.exitCode !== undefined ? when(d.finishedAt) : undefined],
    ['Exit code', d.exitCode !== undefined ? String(d.exitCode) : undefined],
    ['Restart policy', d.restartPolicy],
    ['Command', d.command],
  ];
  const info = facts
    .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '')
    .map(([label, value]) => new DetailNode({ label, description: value, icon: 'info', tooltip: value }, key('info', label)));
  sections.push(new DetailSectionNode('Details', 'info', info, key('section', 'info')));
  return sections;
}
