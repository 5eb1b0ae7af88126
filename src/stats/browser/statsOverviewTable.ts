import { formatBytes, formatPercent, OVERVIEW_SORT_KEYS, sortOverviewRows, type OverviewSortKey } from '../statsFormat';
import type { OverviewRow } from '../statsProtocol';
import { element } from './webviewDom';

const HEADINGS: Record<OverviewSortKey, string> = {
  name: 'Container',
  image: 'Image',
  cpuPercent: 'CPU',
  memoryUsedBytes: 'Memory',
  memoryPercent: 'Memory %',
};

const NUMERIC = new Set<OverviewSortKey>(['cpuPercent', 'memoryUsedBytes', 'memoryPercent']);

/** The running containers, sortable by any column; a row (click or Enter) opens its panel. */
export class OverviewTable {
  readonly element: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  /** Which window records the shared history, and since when (several windows share one). */
  private readonly caption: HTMLTableCaptionElement;
  private readonly headers = new Map<OverviewSortKey, HTMLTableCellElement>();
  private rows: OverviewRow[] = [];
  private key: OverviewSortKey = 'cpuPercent';
  private descending = true;

  constructor(private readonly open: (containerId: string) => void) {
    this.element = element('table', 'overview');
    const headRow = document.createElement('tr');
    for (const key of OVERVIEW_SORT_KEYS) {
      const button = element('button', 'sort', HEADINGS[key]);
      button.type = 'button';
      button.addEventListener('click', () => this.sortBy(key));
      const th = element('th', NUMERIC.has(key) ? 'num' : '', undefined, [button]);
      th.scope = 'col';
      this.headers.set(key, th);
      headRow.append(th);
    }
    this.body = document.createElement('tbody');
    this.caption = element('caption', 'recorded-by');
    this.caption.hidden = true;
    this.element.append(this.caption, element('thead', '', undefined, [headRow]), this.body);
    this.markSort();
  }

  setRows(rows: OverviewRow[], recordedBy?: string): void {
    this.caption.textContent = recordedBy ?? '';
    this.caption.hidden = !recordedBy;
    this.rows = rows;
    this.render();
  }

  private sortBy(key: OverviewSortKey): void {
    if (this.key === key) this.descending = !this.descending;
    else {
      this.key = key;
      this.descending = NUMERIC.has(key);
    }
    this.markSort();
    this.render();
  }

  private markSort(): void {
    for (const [key, th] of this.headers) th.setAttribute('aria-sort', key === this.key ? (this.descending ? 'descending' : 'ascending') : 'none');
  }

  private render(): void {
    // Keep focus on the same container across a redraw, so keyboard users are not thrown out.
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.containerId;
    const fresh: HTMLTableRowElement[] = [];
    for (const row of sortOverviewRows(this.rows, this.key, this.descending)) {
      const tr = document.createElement('tr');
      tr.tabIndex = 0;
      tr.dataset.containerId = row.id;
      tr.title = `Show stats for ${row.name}`;
      const memory = row.memoryLimitBytes !== undefined ? `${formatBytes(row.memoryUsedBytes)} / ${formatBytes(row.memoryLimitBytes)}` : formatBytes(row.memoryUsedBytes);
      tr.append(
        element('td', 'name', row.name),
        element('td', 'image', row.image),
        element('td', 'num', formatPercent(row.cpuPercent)),
        element('td', 'num', memory),
        element('td', 'num', formatPercent(row.memoryPercent)),
      );
      tr.addEventListener('click', () => this.open(row.id));
      tr.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.open(row.id);
        }
      });
      fresh.push(tr);
    }
    this.body.replaceChildren(...fresh);
    if (focused) fresh.find((tr) => tr.dataset.containerId === focused)?.focus();
    document.body.dataset.rows = String(fresh.length);
  }
}
