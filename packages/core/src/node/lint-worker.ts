/**
 * A worker thread of the `--concurrency` pool (`worker-pool.ts`), running the default node linter: pass 1 of the
 * files it is sent (Terraform's HCL preparation happens here), and pass 2 of the targets it is sent, over a project
 * built from the facts of every file of the run (sent once, before the first pass-2 batch).
 */
import { parentPort } from 'node:worker_threads';
import { defaultLinter } from '../lint.js';
import { Project } from '../model/project.js';
import type { CrossJob, RecordJob, RecordReply, WorkerReply, WorkerTask } from './worker-pool.js';

const port = parentPort!;
let project: Project | undefined;

/**
 * Tests only (worker-pool.e2e.test.ts): `crash:<text>` makes this worker die, `throw:<text>` makes it throw, on a file
 * whose path contains the text, in pass 1 (`crash-cross:`, `throw-cross:` in pass 2).
 */
const fault = /^(crash|throw)(-cross)?:(.+)$/.exec(process.env.CXLINT_TEST_WORKER_FAULT ?? '');
function testFault(path: string, pass: 1 | 2): void {
  if (!fault || !path.includes(fault[3]) || (fault[2] ? 2 : 1) !== pass) return;
  if (fault[1] === 'crash') process.exit(70);
  throw new Error(`test fault on ${path}`);
}

async function passOne(job: RecordJob): Promise<RecordReply> {
  testFault(job.path, 1);
  const input = await defaultLinter.prepareInput({ path: job.path, text: job.text });
  if (input.readError !== undefined) return { readError: input.readError, readErrorLine: input.readErrorLine };
  const record = defaultLinter.recordOf(input, job.enabled, job.target);
  // Pass 2 parses a Terraform target again: it needs the HCL parser's document, wherever it runs.
  return record.kind === 'terraform' && input.prepared !== undefined ? { record, prepared: input.prepared } : { record };
}

function passTwo(job: CrossJob) {
  testFault(job.path, 2);
  return defaultLinter.crossOf(job, job.kind, project!, job.enabled);
}

port.on('message', async (task: WorkerTask) => {
  if ('project' in task) {
    project = Project.fromFacts(task.project.facts, task.project.settings, defaultLinter.contributors);
    return;
  }
  const results: WorkerReply['results'] = [];
  const jobs: (RecordJob | CrossJob)[] = 'records' in task ? task.records : task.cross;
  for (const job of jobs) {
    try {
      results.push('records' in task ? await passOne(job as RecordJob) : passTwo(job as CrossJob));
    } catch (e) {
      // The main thread does this file itself, as a single-thread run would (same findings, same failure).
      results.push({ failed: (e as Error)?.message ?? String(e) });
    }
  }
  port.postMessage({ batch: task.batch, results } satisfies WorkerReply);
});
