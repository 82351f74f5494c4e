/**
 * A worker thread of the pool (`worker-pool.ts`): pass 1 of the default node linter on the files it is sent. Each
 * file comes with its text and the rules its config enables (plain data from the main thread's config matcher); the
 * worker prepares it (Terraform's HCL parser runs here), parses it, takes its facts, runs its local rules and sends
 * back the `FileRecord`. Nothing else is shared: the main thread builds the project and runs the cross-file rules.
 */
import { parentPort } from 'node:worker_threads';
import { defaultLinter } from '../lint.js';
import type { WorkerReply, WorkerTask } from './worker-pool.js';

const port = parentPort!;

/** Tests only: make this worker die, or throw, on a file whose path contains the given text (see worker-pool.test). */
const fault = /^(crash|throw):(.+)$/.exec(process.env.CXLINT_TEST_WORKER_FAULT ?? '');

async function passOne(task: WorkerTask['files'][number]): Promise<WorkerReply['files'][number]> {
  if (fault && task.path.includes(fault[2])) {
    if (fault[1] === 'crash') process.exit(70);
    throw new Error(`test fault on ${task.path}`);
  }
  const input = await defaultLinter.prepareInput({ path: task.path, text: task.text });
  if (input.readError !== undefined) return { readError: input.readError, readErrorLine: input.readErrorLine };
  const record = defaultLinter.recordOf(input, task.enabled);
  // The main thread parses a Terraform target again for its cross-file rules: it needs the HCL parser's document.
  return record.kind === 'terraform' && input.prepared !== undefined ? { record, prepared: input.prepared } : { record };
}

port.on('message', async (task: WorkerTask) => {
  const files: WorkerReply['files'] = [];
  for (const file of task.files) {
    try {
      files.push(await passOne(file));
    } catch (e) {
      // The main thread lints this file itself, as a single-thread run would (same findings, same failure).
      files.push({ failed: (e as Error)?.message ?? String(e) });
    }
  }
  port.postMessage({ batch: task.batch, files } satisfies WorkerReply);
});
