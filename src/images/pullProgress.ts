/** One JSON line of the engine's /images/create progress stream. */
export interface PullEvent {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

export interface PullStatus {
  /** 0–100 over all layers, never going backwards; undefined until a layer is known. */
  percent: number | undefined;
  message: string;
  layersDone: number;
  layersTotal: number;
  /** Set when the stream reported a failure: the engine's message. */
  error?: string;
}

type Phase = 'waiting' | 'downloading' | 'downloaded' | 'extracting' | 'done';

interface Layer {
  phase: Phase;
  downloadCurrent: number;
  downloadTotal?: number;
  extractCurrent: number;
  extractTotal?: number;
}

// A push reports the same shape of stream: "Preparing", "Waiting", "Pushing" with bytes, then "Pushed".
const DONE_STATUSES = new Set(['Pull complete', 'Already exists', 'Pushed', 'Layer already exists']);
const DOWNLOADED_STATUSES = new Set(['Verifying Checksum', 'Download complete']);
const WORK_STATUSES = new Set(['Downloading', 'Verifying Checksum', 'Download complete', 'Extracting', 'Pull complete', 'Pushing', 'Pushed', 'Layer already exists']);

function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function fraction(current: number, total: number | undefined): number {
  if (!total || total <= 0) return 0;
  return Math.min(1, Math.max(0, current / total));
}

/**
 * Folds the per-layer progress lines of a pull into one status. Each layer weighs by its size (layers
 * whose size is not known yet weigh the average of the known ones); downloading and extracting are each
 * half of a layer's work. For a push (`new PullProgress('push')`) uploading is the whole of it.
 */
export class PullProgress {
  private readonly layers = new Map<string, Layer>();
  private lastPercent: number | undefined;
  private finished = false;
  /** Layer announcements come first; a percentage means nothing until work on them starts. */
  private started = false;
  private finalMessage: string | undefined;
  private errorMessage: string | undefined;

  constructor(private readonly kind: 'pull' | 'push' = 'pull') {}

  push(event: PullEvent): PullStatus {
    const error = event.errorDetail?.message ?? event.error;
    if (error) {
      this.errorMessage = error;
      return this.status();
    }
    const status = event.status ?? '';
    if (status.startsWith('Status: ')) {
      this.finished = true;
      this.finalMessage = status.slice('Status: '.length);
      return this.status();
    }
    // "Pulling from repo" carries the tag as id; "Digest: ..." has none. Neither is a layer.
    if (event.id && !status.startsWith('Pulling from ') && !status.startsWith('Digest: ')) {
      this.updateLayer(event.id, status, event.progressDetail);
    }
    return this.status();
  }

  private updateLayer(id: string, status: string, detail: PullEvent['progressDetail']): void {
    let layer = this.layers.get(id);
    if (!layer) {
      layer = { phase: 'waiting', downloadCurrent: 0, extractCurrent: 0 };
      this.layers.set(id, layer);
      // A layer announced late changes what 100% means; the old estimate no longer bounds the new one.
      this.lastPercent = undefined;
    }
    if (WORK_STATUSES.has(status) || status.startsWith('Mounted from ')) this.started = true;
    if (DONE_STATUSES.has(status) || status.startsWith('Mounted from ')) {
      layer.phase = 'done';
    } else if (DOWNLOADED_STATUSES.has(status)) {
      if (layer.phase !== 'extracting' && layer.phase !== 'done') layer.phase = 'downloaded';
    } else if (status === 'Downloading' || status === 'Pushing') {
      layer.phase = 'downloading';
      if (detail?.total) layer.downloadTotal = detail.total;
      if (detail?.current !== undefined) layer.downloadCurrent = detail.current;
    } else if (status === 'Extracting') {
      layer.phase = 'extracting';
      if (detail?.total) layer.extractTotal = detail.total;
      if (detail?.current !== undefined) layer.extractCurrent = detail.current;
    }
    // "Pulling fs layer", "Waiting", "Retrying in N seconds": the layer is known, nothing done yet.
  }

  private layerProgress(layer: Layer): number {
    switch (layer.phase) {
      case 'done':
        return 1;
      case 'extracting':
        return 0.5 + 0.5 * fraction(layer.extractCurrent, layer.extractTotal);
      case 'downloaded':
        return 0.5;
      case 'downloading':
        return (this.kind === 'push' ? 1 : 0.5) * fraction(layer.downloadCurrent, layer.downloadTotal);
      case 'waiting':
        return 0;
    }
  }

  private computePercent(): number | undefined {
    if (this.finished) return 100;
    const layers = [...this.layers.values()];
    if (layers.length === 0 || !this.started) return undefined;
    const sizes = layers.map((l) => l.downloadTotal ?? l.extractTotal);
    const known = sizes.filter((s): s is number => s !== undefined && s > 0);
    const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
    let total = 0;
    let done = 0;
    layers.forEach((layer, i) => {
      const weight = sizes[i] && sizes[i] > 0 ? sizes[i] : fallback;
      total += weight;
      done += weight * this.layerProgress(layer);
    });
    return total > 0 ? (100 * done) / total : undefined;
  }

  private status(): PullStatus {
    const layers = [...this.layers.values()];
    const layersDone = layers.filter((l) => l.phase === 'done').length;
    const computed = this.computePercent();
    // Sizes show up as layers start, so the estimate may dip; a bar that runs backwards looks broken.
    const percent = computed === undefined ? this.lastPercent : Math.max(computed, this.lastPercent ?? 0);
    this.lastPercent = percent;
    const result: PullStatus = {
      percent: percent === undefined ? undefined : Math.round(percent * 10) / 10,
      message: this.describe(layers, layersDone),
      layersDone,
      layersTotal: layers.length,
    };
    if (this.errorMessage !== undefined) result.error = this.errorMessage;
    return result;
  }

  private describe(layers: Layer[], layersDone: number): string {
    if (this.errorMessage !== undefined) return this.errorMessage;
    if (this.finalMessage !== undefined) return this.finalMessage;
    if (layers.length === 0) return this.kind === 'push' ? 'Pushing' : 'Pulling';
    const count = `${layersDone}/${layers.length} layers`;
    const downloading = layers.filter((l) => l.phase === 'downloading');
    if (downloading.length > 0) {
      const current = downloading.reduce((sum, l) => sum + l.downloadCurrent, 0);
      const total = downloading.reduce((sum, l) => sum + (l.downloadTotal ?? 0), 0);
      const bytes = total > 0 ? ` ${formatBytes(current)} of ${formatBytes(total)}` : '';
      return `${this.kind === 'push' ? 'Uploading' : 'Downloading'}${bytes} (${count})`;
    }
    if (!this.started) return `Preparing (${count})`;
    if (layers.some((l) => l.phase === 'extracting')) return `Extracting (${count})`;
    if (layers.some((l) => l.phase === 'waiting')) return `Waiting (${count})`;
    // Layers are extracted one after another; a downloaded one is next in line.
    if (layers.some((l) => l.phase === 'downloaded')) return `Extracting (${count})`;
    return `Finishing (${count})`;
  }
}
