import { ComposeDiagnostic } from './composeDiagnostics';
import { LoadComposeOptions } from './composeLoad';
import { ComposeProject } from './composeModelTypes';

/** What the analysis worker is asked: the load options that can cross a thread, and unsaved buffers. */
export interface ComposeAnalysisRequest {
  options: Omit<LoadComposeOptions, 'readFile'>;
  /** Texts that win over the disk (editors' unsaved changes), by absolute path. */
  buffers: Record<string, string>;
}

/** A loaded project as plain data: what editors need, without the YAML documents. */
export interface ComposeAnalysis {
  project: ComposeProject;
  diagnostics: ComposeDiagnostic[];
  /** Offsets of each service's key, per file, for lenses above services. */
  serviceOffsets: Record<string, [string, number][]>;
}

export interface WorkerRequest {
  id: number;
  request: ComposeAnalysisRequest;
}

export type WorkerReply = { id: number; analysis: ComposeAnalysis } | { id: number; error: string };
