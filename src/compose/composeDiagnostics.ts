export type ComposeSeverity = 'error' | 'warning';

/** 0-based line and character; characters count UTF-16 code units, as editors and JS strings do. */
export interface ComposePosition {
  line: number;
  character: number;
}

export interface ComposeRange {
  start: ComposePosition;
  end: ComposePosition;
}

export interface ComposeDiagnostic {
  severity: ComposeSeverity;
  message: string;
  range: ComposeRange;
  /** The same range as offsets into the source text. */
  offset: { start: number; end: number };
  /** Stable identifier of the kind of problem, for quick fixes and filtering. */
  code: string;
  /** Absolute path of the file the range refers to, when known. */
  file?: string;
  /** A replacement the editor may offer (e.g. the closest known key). */
  suggestion?: string;
}

/** Converts offsets of one text into line/character positions. */
export class TextIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): ComposePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  range(start: number, end: number): ComposeRange {
    return { start: this.position(start), end: this.position(end) };
  }
}

/** Collects the diagnostics of one source text. */
export class DiagnosticSink {
  readonly diagnostics: ComposeDiagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly index: TextIndex,
    readonly file?: string,
  ) {}

  report(
    severity: ComposeSeverity,
    code: string,
    message: string,
    start: number,
    end: number,
    suggestion?: string,
  ): void {
    // Block nodes end after their line break; an editor should underline only the text.
    while (end > start && /\s/.test(this.index.text[end - 1] ?? '')) end--;
    // Anchored content merged into several places is checked once per place; report it once.
    const key = `${code}:${start}:${end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const diagnostic: ComposeDiagnostic = {
      severity,
      message,
      range: this.index.range(start, end),
      offset: { start, end },
      code,
    };
    if (this.file !== undefined) diagnostic.file = this.file;
    if (suggestion !== undefined) diagnostic.suggestion = suggestion;
    this.diagnostics.push(diagnostic);
  }
}
