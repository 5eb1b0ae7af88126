import { parentPort } from 'node:worker_threads';
import { analyzeCompose } from './composeAnalysis';
import { WorkerReply, WorkerRequest } from './composeAnalysisTypes';

// Entry of the compose analysis worker: no input can block the extension host from here, and a
// runaway analysis is ended by terminating the thread (see composeAnalyzer).
parentPort?.on('message', (message: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: message.id, analysis: analyzeCompose(message.request) };
  } catch (error) {
    reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
