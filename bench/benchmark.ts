import type Docker from 'dockerode';
import type { ContainerFixture } from './containerFixture';

/** One heading of BENCHMARKS.md: the issue (or milestone) whose benchmarks are grouped under it. */
export interface BenchSection {
  id: string;
  title: string;
  /** A paragraph under the heading: what the section's benchmarks are for. */
  intro: string;
}

/** A target Berth has to meet, usually a ratio of medians against one comparison. */
export interface TargetCheck {
  /** Names the ratio, e.g. "Berth/raw"; absent for absolute targets. */
  ratioName?: string;
  ratio?: number;
  /** The target as readers see it, e.g. "≤ 1.3×" or "0 requests". */
  target: string;
  met: boolean;
}

/** One table row: what was measured | Berth | comparison(s) | ratio | target | met? */
export interface BenchRow {
  measured: string;
  berth: string;
  comparisons: { label: string; figure: string }[];
  checks: TargetCheck[];
}

export interface BenchResult {
  rows: BenchRow[];
  /** Method notes under the section's table: fixture, repetitions, anything that explains a figure. */
  notes: string[];
}

export interface BenchSettings {
  warmups: number;
  repetitions: number;
  idleSeconds: number;
}

/** What the runner hands every benchmark. */
export interface BenchContext {
  /** A client for the test engine, for setup; Berth's own client is built by each benchmark as the extension builds it. */
  docker: Docker;
  /** The test engine endpoint, e.g. unix:///tmp/berth-engine/docker.sock. */
  dockerHost: string;
  settings: BenchSettings;
  /** The shared fixture of labelled containers, created on first use and removed when the run ends. */
  containers(): Promise<ContainerFixture>;
  /** Progress for the terminal (stderr), so stdout carries only the table. */
  log(message: string): void;
}

/** A benchmark module: registered in bench/registry.ts, it contributes rows to its section. */
export interface Benchmark {
  id: string;
  section: BenchSection;
  run(context: BenchContext): Promise<BenchResult>;
}

