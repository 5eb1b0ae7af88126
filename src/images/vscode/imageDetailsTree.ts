import type { ContainerInfo } from '../../engine/listings';
import { DetailNode, DetailSectionNode, EnvVarNode } from '../../containers/vscode/detailNodes';
import { compareNames, formatAge, formatBytes } from '../../workbench/format';
import type { BerthNode } from '../../workbench/listProvider';
import type { ImageDetails } from '../imageDetails';

const LAYER_LABEL_MAX = 72;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The JSON form Dockerfiles use for ENTRYPOINT and CMD, so what is shown can be pasted back. */
function execForm(words: string[]): string {
  return JSON.stringify(words);
}

/**
 * The sections under an expanded image: its layers, exposed ports, environment, command, labels and
 * the containers using it. `scope` keeps ids unique when one image shows once per tag.
 */
export function imageDetailNodes(d: ImageDetails, users: ContainerInfo[], scope: string): BerthNode[] {
  const key = (section: string, part: string | number): string => `${scope}:${section}:${part}`;
  const sections: BerthNode[] = [];

  const layers = d.layers.map(
    (layer, i) =>
      new DetailNode(
        {
          label: shorten(layer.createdBy || '(no instruction recorded)', LAYER_LABEL_MAX),
          description: `${formatBytes(layer.size)} · ${formatAge(layer.created)}`,
          icon: layer.size > 0 ? 'layers' : 'symbol-property',
          // Plain-text tooltips: whatever the build recorded is shown as text, never rendered.
          tooltip: [layer.fullCreatedBy, layer.comment].filter(Boolean).join('\n\n') || undefined,
        },
        key('layer', i),
      ),
  );
  const total = d.layers.reduce((sum, layer) => sum + layer.size, 0);
  const layerSection = new DetailSectionNode('Layers', 'layers', layers, key('section', 'layers'));
  layerSection.item.description = `${layers.length} · ${formatBytes(total)}`;
  sections.push(layerSection);

  const ports = d.exposedPorts.map((p) => new DetailNode({ label: p, icon: 'plug', tooltip: `EXPOSE ${p}` }, key('port', p)));
  if (ports.length > 0) sections.push(new DetailSectionNode('Exposed Ports', 'plug', ports, key('section', 'ports')));

  const env = d.env.map((e, i) => new EnvVarNode(e.name, e.value, e.secret, key('env', `${i}:${e.name}`)));
  if (env.length > 0) sections.push(new DetailSectionNode('Environment', 'symbol-variable', env, key('section', 'env')));

  const facts: [string, string | undefined][] = [
    ['Entrypoint', d.entrypoint && execForm(d.entrypoint)],
    ['Cmd', d.cmd && execForm(d.cmd)],
    ['Working dir', d.workingDir],
    ['User', d.user],
  ];
  const command = facts
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([label, value]) => new DetailNode({ label, description: value, icon: 'terminal', tooltip: value }, key('command', label)));
  if (command.length > 0) sections.push(new DetailSectionNode('Command', 'terminal', command, key('section', 'command')));

  const labels = Object.entries(d.labels)
    .sort(([a], [b]) => compareNames(a, b))
    .map(([name, value]) => new DetailNode({ label: name, description: value, icon: 'tag', tooltip: `${name}=${value}` }, key('label', name)));
  if (labels.length > 0) sections.push(new DetailSectionNode('Labels', 'tag', labels, key('section', 'labels')));

  const containers = [...users]
    .sort((a, b) => compareNames(a.name, b.name))
    .map((c) => new DetailNode({ label: c.name, description: c.status, icon: c.state === 'running' ? 'vm-running' : 'vm', tooltip: `${c.name} (${c.id.slice(0, 12)}): ${c.status}` }, key('container', c.id)));
  const containerSection = new DetailSectionNode('Containers', 'vm', containers, key('section', 'containers'));
  if (containers.length === 0) containerSection.item.description = 'none';
  sections.push(containerSection);
  return sections;
}
