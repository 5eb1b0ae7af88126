import '@vscode-elements/elements/dist/vscode-button/index.js';
import { formatBytes, formatPercent, formatRate } from '../statsFormat';
import {
  isHostToPanelMessage,
  isStatsPanelState,
  RANGE_LABELS,
  TIME_RANGES,
  type ContainerHeader,
  type CurrentValues,
  type HostToPanelMessage,
  type PanelToHostMessage,
  type StatsPanelState,
  type TimeRange,
} from '../statsProtocol';
import { StatsCharts } from './statsCharts';
import { OverviewTable } from './statsOverviewTable';
import { element, getVsCodeApi, watchCspViolations, watchTheme } from './webviewDom';

// Every engine string reaches the page through textContent (element()), never as markup.

const vscode = getVsCodeApi<StatsPanelState>();
const post = (message: PanelToHostMessage): void => vscode.postMessage(message);
const root = document.getElementById('root') as HTMLElement;
watchCspViolations();

function startContainerView(): void {
  const saved = vscode.getState();
  let range: TimeRange = isStatsPanelState(saved) ? saved.range : 'live';
  let containerId = isStatsPanelState(saved) ? saved.containerId : '';

  const title = element('h1', 'title', '');
  const subtitle = element('p', 'subtitle', '');
  const state = element('span', 'badge', '');
  const header = element('header', 'header');
  header.append(element('div', 'heading', undefined, [title, state]), subtitle);

  const values = {
    cpu: valueCard('CPU'),
    memory: valueCard('Memory'),
    network: valueCard('Network'),
  };
  const current = element('section', 'current', undefined, [values.cpu.card, values.memory.card, values.network.card]);
  current.setAttribute('aria-label', 'Current values');

  const rangeBar = element('div', 'ranges');
  rangeBar.setAttribute('role', 'group');
  rangeBar.setAttribute('aria-label', 'Time range');
  const buttons = new Map<TimeRange, HTMLElement>();
  for (const r of TIME_RANGES) {
    const button = document.createElement('vscode-button');
    button.textContent = RANGE_LABELS[r];
    button.dataset.range = r;
    button.addEventListener('click', () => selectRange(r));
    buttons.set(r, button);
    rangeBar.append(button);
  }
  const note = element('p', 'note', '');
  note.setAttribute('role', 'status');
  const chartsBox = element('div', 'charts');
  root.append(header, current, element('div', 'toolbar', undefined, [rangeBar]), note, chartsBox);
  const charts = new StatsCharts(chartsBox);
  let memoryLimited: boolean | undefined;
  let lastCurrent: CurrentValues | undefined;
  watchTheme(() => charts.applyTheme());

  function markRange(): void {
    for (const [r, button] of buttons) {
      button.toggleAttribute('secondary', r !== range);
      button.setAttribute('aria-pressed', String(r === range));
    }
    document.body.dataset.range = range;
  }

  function selectRange(next: TimeRange): void {
    if (next === range) return;
    range = next;
    markRange();
    save();
    post({ type: 'range', range });
  }

  function save(): void {
    if (containerId) vscode.setState({ containerId, range });
  }

  function showHeader(h: ContainerHeader): void {
    containerId = h.id;
    title.textContent = h.name;
    const parts = [h.image ? `Image ${h.image}` : '', h.composeProject ? `Compose ${h.composeProject}${h.composeService ? ` / ${h.composeService}` : ''}` : '', `ID ${h.id.slice(0, 12)}`];
    subtitle.textContent = parts.filter((p) => p.length > 0).join(' · ');
    state.textContent = h.state;
    state.dataset.state = h.state;
    if (h.memoryLimited !== undefined) {
      memoryLimited = h.memoryLimited;
      charts.showMemoryLimit(h.memoryLimited);
      showCurrent(lastCurrent);
    }
    save();
  }

  function showCurrent(c: CurrentValues | undefined): void {
    lastCurrent = c;
    values.cpu.set(formatPercent(c?.cpuPercent), '');
    if (memoryLimited === false) {
      // The engine's "limit" is the host's memory here; calling it the container's would mislead.
      const host = c?.memoryLimitBytes !== undefined ? ` (host ${formatBytes(c.memoryLimitBytes)})` : '';
      values.memory.set(formatBytes(c?.memoryUsedBytes), `no limit${host}`);
    } else {
      const limit = c?.memoryLimitBytes !== undefined ? ` / ${formatBytes(c.memoryLimitBytes)}` : '';
      values.memory.set(`${formatBytes(c?.memoryUsedBytes)}${limit}`, c?.memoryPercent !== undefined ? formatPercent(c.memoryPercent) : '');
    }
    values.network.set(`↓ ${formatRate(c?.rxPerSecond)}  ↑ ${formatRate(c?.txPerSecond)}`, `received ${formatBytes(c?.networkRxBytes)} · sent ${formatBytes(c?.networkTxBytes)}`);
  }

  function handle(message: HostToPanelMessage): void {
    if (message.type === 'header') showHeader(message.header);
    else if (message.type === 'series') {
      if (message.range !== range) {
        range = message.range;
        markRange();
      }
      note.textContent = message.note ?? '';
      note.hidden = !message.note;
      charts.setPoints(message.range, message.points);
      showCurrent(message.current);
    } else if (message.type === 'append') {
      if (message.points.length > 0) {
        note.textContent = '';
        note.hidden = true;
      }
      charts.append(message.points);
      if (message.current) showCurrent(message.current);
    }
  }

  markRange();
  showCurrent(undefined);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isHostToPanelMessage(event.data)) handle(event.data);
  });
  post({ type: 'ready' });
  // After a reload the host restores the range from the saved state; say it again in case it differs.
  if (range !== 'live') post({ type: 'range', range });
}

function valueCard(label: string): { card: HTMLElement; set(value: string, detail: string): void } {
  const value = element('div', 'value', '–');
  const detail = element('div', 'detail', '');
  const card = element('div', 'card', undefined, [element('div', 'label', label), value, detail]);
  card.dataset.value = label.toLowerCase();
  return {
    card,
    set(v: string, d: string): void {
      value.textContent = v;
      detail.textContent = d;
    },
  };
}

function startOverview(): void {
  const title = element('h1', 'title', 'Container stats');
  const note = element('p', 'note', '');
  note.setAttribute('role', 'status');
  const table = new OverviewTable((containerId) => post({ type: 'open', containerId }));
  root.append(element('header', 'header', undefined, [title]), note, table.element);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isHostToPanelMessage(message) || message.type !== 'overview') return;
    note.textContent = message.note ?? (message.recording ? '' : 'Recording is off: values are sampled only while this panel is open.');
    note.hidden = note.textContent === '';
    table.setRows(message.rows, message.recordedBy);
  });
  post({ type: 'ready' });
}

if (document.body.dataset.view === 'overview') startOverview();
else startContainerView();
