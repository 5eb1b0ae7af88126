import { compareNames } from '../workbench/format';

export interface ProjectGroup<T> { project: string; containers: T[] }

/**
 * Splits containers into compose projects (sorted by name) and standalone ones; containers keep the
 * order they came in, so the caller's sort holds inside each group.
 */
export function groupByProject<T extends { composeProject?: string }>(containers: T[]): { projects: ProjectGroup<T>[]; standalone: T[] } {
  const byProject = new Map<string, T[]>();
  const standalone: T[] = [];
  for (const container of containers) {
    const project = container.composeProject?.trim();
    if (!project) {
      standalone.push(container);
      continue;
    }
    const group = byProject.get(project);
    if (group) group.push(container);
    else byProject.set(project, [container]);
  }
  const projects = [...byProject.entries()]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([project, members]) => ({ project, containers: members }));
  return { projects, standalone };
}
