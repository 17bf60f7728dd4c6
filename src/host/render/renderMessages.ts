/** Messages between the extension host and the MathJax render worker, with run-time guards. */
import type { RenderRequest, RenderResult } from './texToSvg';

/** Host -> worker. */
export interface RenderJob {
  readonly id: number;
  readonly request: RenderRequest;
}

/** Worker -> host. */
export interface RenderReply {
  readonly id: number;
  readonly result: RenderResult;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Checks a job's shape before the worker touches it. */
export function isRenderJob(v: unknown): v is RenderJob {
  if (!isRecord(v) || typeof v.id !== 'number' || !isRecord(v.request)) return false;
  const r = v.request;
  return typeof r.tex === 'string' && typeof r.display === 'boolean' && isRecord(r.macros)
    && typeof r.color === 'string' && typeof r.exPixels === 'number';
}

/** Checks a reply's shape before the host uses it. */
export function isRenderReply(v: unknown): v is RenderReply {
  if (!isRecord(v) || typeof v.id !== 'number' || !isRecord(v.result)) return false;
  const r = v.result;
  if ((r.speech !== undefined && typeof r.speech !== 'string') || (r.speechPending !== undefined && typeof r.speechPending !== 'boolean')) return false;
  return r.ok === true ? typeof r.svg === 'string' : r.ok === false && typeof r.error === 'string';
}

/** Worker -> host, once, when MathJax has loaded and the worker takes jobs. */
export interface WorkerReady {
  readonly ready: true;
}

export function isWorkerReady(v: unknown): v is WorkerReady {
  return isRecord(v) && v.ready === true;
}

/** How a worker's start-up used V8's code cache: `absent` makes one, `rejected` (stale or damaged) remakes it. */
export type CodeCacheUse = 'used' | 'rejected' | 'absent';

/** Worker -> host, once, before `ready`, from a worker started through the code-cache loader. */
export interface CodeCacheReport {
  readonly codeCache: CodeCacheUse;
}

export function isCodeCacheReport(v: unknown): v is CodeCacheReport {
  return isRecord(v) && (v.codeCache === 'used' || v.codeCache === 'rejected' || v.codeCache === 'absent');
}
