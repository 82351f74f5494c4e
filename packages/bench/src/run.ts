/**
 * `npm run bench`: cxlint's whole CLI process vs the YAML parse floor vs Spectral, on the same files,
 * alternated round by round, medians reported. Prints a table, the ratios and the targets of issue 5.
 *
 *   node packages/bench/dist/run.js [--rounds N] [--only flows-200,repo-5000,repo-10000,corpus,startup,editor] [--spectral-all] [--json out.json]
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { writeCorpus, type Corpus } from './corpus.js';
import { median, measure, type Measured } from './measure.js';
import { FLOOR_MODES, type FloorMode } from './parse-floor.js';
import { actionCallCounts } from './action-calls.js';
import { editorRelint } from './editor-relint.js';

const here = dirname(fileURLToPath(import.meta.url));
const BENCH = resolve(here, '..');
const ROOT = resolve(BENCH, '../..');
const TMP = join(BENCH, '.bench-tmp');
const CXLINT = join(ROOT, 'packages/core/bin/cxlint.js');
const SPECTRAL = join(ROOT, 'node_modules/@stoplight/spectral-cli/dist/index.js');
const RULESET = join(BENCH, 'spectral/cxlint-equivalent.yaml');
const FLOOR = join(here, 'parse-floor.js');
const SHARED_CORPUS = resolve(ROOT, '../shared/corpus');
const RULE = 'participant-data/literal-key';

type ToolName = 'cxlint' | `cxlint --concurrency ${'auto' | '2'}` | `floor:${FloorMode}` | 'spectral';

interface Row {
  corpus: string;
  tool: ToolName;
  files: number;
  bytes: number;
  runs: Measured[];
  wallMs: number;
  peakRssMb: number;
  cpuS: number;
}

interface Target {
  what: string;
  goal: string;
  measured: string;
  met: boolean;
}

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    'spectral-all': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const ROUNDS = Math.max(1, Number(opts.rounds));

interface Job {
  corpus: string;
  description: string;
  /** cwd for every tool; paths in outputs are resolved against it. */
  cwd: string;
  /** What cxlint is given (a folder, as users run it, or an explicit list). */
  cxlintArgs: string[];
  cxlintFiles: number;
  cxlintBytes: number;
  /** YAML files: what the parse floor and Spectral read. */
  yamlFiles: string[];
  yamlBytes: number;
  spectral: boolean;
  /** Seeded defects as `abs path:line`, when known. */
  seeded?: Set<string>;
}

function syntheticJob(c: Corpus, spectral: boolean): Job {
  const seeded = new Set<string>();
  for (const f of c.files) for (const d of f.defects) seeded.add(`${f.path}:${d.line}`);
  const yamlBytes = c.files.filter((f) => c.yamlFiles.includes(f.path)).reduce((n, f) => n + f.bytes, 0);
  return {
    corpus: c.name,
    description: c.description,
    cwd: c.dir,
    cxlintArgs: ['.'],
    cxlintFiles: c.files.length,
    cxlintBytes: c.bytes,
    yamlFiles: c.yamlFiles,
    yamlBytes,
    spectral,
    seeded,
  };
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSafe(d)) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (/\.ya?ml$/i.test(e.name)) out.push(abs);
    }
  };
  walk(dir);
  return out.sort();
}

function readdirSafe(d: string) {
  try {
    return readdirSync(d, { withFileTypes: true });
  } catch {
    return [];
  }
}

function corpusJob(): Job | undefined {
  if (!existsSync(SHARED_CORPUS)) {
    console.log(`(skipping the real corpus: ${SHARED_CORPUS} is absent)`);
    return undefined;
  }
  const yamlFiles = listYaml(SHARED_CORPUS);
  const yamlBytes = yamlFiles.reduce((n, f) => n + statSync(f).size, 0);
  // cxlint gets the same YAML list (the folder also holds JSON and Terraform the others would not read).
  return {
    corpus: 'corpus',
    description: `../shared/corpus: ${yamlFiles.length} public Genesys YAML files`,
    cwd: SHARED_CORPUS,
    cxlintArgs: yamlFiles,
    cxlintFiles: yamlFiles.length,
    cxlintBytes: yamlBytes,
    yamlFiles,
    yamlBytes,
    spectral: true,
  };
}

function defectsCxlint(stdout: string, cwd: string): Set<string> {
  const out = new Set<string>();
  const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; line: number }[] }[];
  for (const r of results) for (const m of r.messages) if (m.ruleId === RULE) out.add(`${resolve(cwd, r.filePath)}:${m.line}`);
  return out;
}

function defectsSpectral(stdout: string, cwd: string): Set<string> {
  const out = new Set<string>();
  const start = stdout.indexOf('[');
  if (start === -1) return out;
  const results = JSON.parse(stdout.slice(start)) as { code: string; source: string; range: { start: { line: number } } }[];
  for (const r of results) if (r.code === 'participant-data-literal-key') out.add(`${resolve(cwd, r.source)}:${r.range.start.line + 1}`);
  return out;
}

function compare(a: Set<string>, b: Set<string>): { same: boolean; onlyA: string[]; onlyB: string[] } {
  const onlyA = [...a].filter((x) => !b.has(x));
  const onlyB = [...b].filter((x) => !a.has(x));
  return { same: onlyA.length === 0 && onlyB.length === 0, onlyA, onlyB };
}

const files = (s: Set<string>) => new Set([...s].map((k) => k.slice(0, k.lastIndexOf(':')))).size;

async function runJob(job: Job): Promise<{ rows: Row[]; check: string }> {
  mkdirSync(TMP, { recursive: true });
  const listFile = join(TMP, `${job.corpus}.list`);
  writeFileSync(listFile, job.yamlFiles.join('\n') + '\n');
  const tools: { tool: ToolName; cmd: string[]; files: number; bytes: number }[] = [
    { tool: 'cxlint', cmd: [CXLINT, '--format', 'json', ...job.cxlintArgs], files: job.cxlintFiles, bytes: job.cxlintBytes },
    ...FLOOR_MODES.map((m) => ({ tool: `floor:${m}` as ToolName, cmd: [FLOOR, m, listFile], files: job.yamlFiles.length, bytes: job.yamlBytes })),
  ];
  // Worker threads (`auto`: half the cores when the run is large enough; `2`: forced) against the default, `off`.
  if (job.corpus === 'flows-1000') {
    for (const c of ['auto', '2'] as const) tools.splice(1, 0, { tool: `cxlint --concurrency ${c}`, cmd: [CXLINT, '--format', 'json', '--concurrency', c, ...job.cxlintArgs], files: job.cxlintFiles, bytes: job.cxlintBytes });
  }
  if (job.spectral) {
    const globs = job.corpus === 'corpus' ? job.yamlFiles : ['**/*.yaml', '**/*.yml'];
    tools.push({ tool: 'spectral', cmd: [SPECTRAL, 'lint', '--ruleset', RULESET, '--format', 'json', '--quiet', '--fail-severity', 'error', ...globs], files: job.yamlFiles.length, bytes: job.yamlBytes });
  }
  const runs = new Map<ToolName, Measured[]>(tools.map((t) => [t.tool, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order each round so no tool always runs on a warm or a cold cache.
    const order = round % 2 ? [...tools].reverse() : tools;
    for (const t of order) {
      const m = await measure(process.execPath, t.cmd, job.cwd);
      if (t.tool.startsWith('floor') && m.code !== 0) throw new Error(`${t.tool} failed: ${m.stderr}`);
      if (t.tool === 'cxlint' && m.code === 2) throw new Error(`cxlint failed: ${m.stderr}`);
      runs.get(t.tool)!.push(m);
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  const rows = tools.map((t) => {
    const rs = runs.get(t.tool)!;
    return { corpus: job.corpus, tool: t.tool, files: t.files, bytes: t.bytes, runs: rs, wallMs: median(rs.map((r) => r.wallMs)), peakRssMb: median(rs.map((r) => r.peakRssMb)), cpuS: median(rs.map((r) => r.cpuS)) };
  });
  // Same defects? cxlint's findings vs Spectral's (and vs the seeded ones in synthetic corpora).
  const cx = defectsCxlint(runs.get('cxlint')![0].stdout, job.cwd);
  const parts = [`cxlint found ${cx.size} literal-key defects in ${files(cx)} files`];
  let ok = true;
  if (job.seeded) {
    const c = compare(cx, job.seeded);
    ok &&= c.same;
    parts.push(c.same ? `= the ${job.seeded.size} seeded` : `≠ seeded ${job.seeded.size} (missed ${c.onlyB.length}, extra ${c.onlyA.length}: ${[...c.onlyB, ...c.onlyA].slice(0, 3).join(', ')})`);
  }
  if (job.spectral) {
    const sp = defectsSpectral(runs.get('spectral')![0].stdout, job.cwd);
    const c = compare(cx, sp);
    ok &&= c.same;
    parts.push(c.same ? `= Spectral's ${sp.size} (same files and lines)` : `≠ Spectral's ${sp.size} in ${files(sp)} files (only cxlint: ${c.onlyA.slice(0, 3).join(', ')}; only Spectral: ${c.onlyB.slice(0, 3).join(', ')})`);
  }
  return { rows, check: `${ok ? 'OK ' : 'MISMATCH '}${job.corpus}: ${parts.join(' ')}` };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function table(rows: Row[]): string {
  const head = ['corpus', 'tool', 'files', 'MB', 'wall s', 'MB/s', 'files/s', 'peak RSS MB', 'CPU s', 'vs cxlint'];
  const lines = [head];
  for (const r of rows) {
    const cx = rows.find((x) => x.corpus === r.corpus && x.tool === 'cxlint')!;
    const mb = r.bytes / 1024 / 1024;
    const s = r.wallMs / 1000;
    lines.push([
      r.corpus,
      r.tool,
      String(r.files),
      mb.toFixed(2),
      s.toFixed(3),
      (mb / s).toFixed(1),
      (r.files / s).toFixed(0),
      r.peakRssMb.toFixed(0),
      r.cpuS.toFixed(2),
      r.tool === 'cxlint' ? '' : `${(r.wallMs / cx.wallMs).toFixed(2)}×`,
    ]);
  }
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l, li) => l.map((c, i) => (i >= 2 ? lpad(c, widths[i]) : pad(c, widths[i]))).join('  ') + (li === 0 ? '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : '')).join('\n');
}

async function startup(): Promise<{ cxlintMs: number; nodeMs: number; rssMb: number }> {
  const empty = join(TMP, 'empty');
  mkdirSync(empty, { recursive: true });
  const cx: Measured[] = [];
  const bare: Measured[] = [];
  for (let i = 0; i < Math.max(7, ROUNDS * 2); i++) {
    cx.push(await measure(process.execPath, [CXLINT, '--format', 'json', '.'], empty));
    bare.push(await measure(process.execPath, ['-e', '0'], empty));
  }
  return { cxlintMs: median(cx.map((m) => m.wallMs)), nodeMs: median(bare.map((m) => m.wallMs)), rssMb: median(cx.map((m) => m.peakRssMb)) };
}

async function main(): Promise<void> {
  const only = opts.only ? new Set(opts.only.split(',')) : undefined;
  const want = (n: string) => !only || only.has(n);
  const jobs: Job[] = [];
  const synth: [string, boolean][] = [
    ['flows-200', true],
    ['flows-1000', opts['spectral-all']],
    ['flow-1mb', true],
    ['repo-5000', opts['spectral-all']],
    ['repo-10000', false],
  ];
  for (const [name, spectral] of synth) {
    if (!want(name)) continue;
    process.stderr.write(`generating ${name}… `);
    jobs.push(syntheticJob(writeCorpus(TMP, name), spectral));
    process.stderr.write('done\n');
  }
  if (want('corpus')) {
    const j = corpusJob();
    if (j) jobs.push(j);
  }
  const rows: Row[] = [];
  const checks: string[] = [];
  for (const job of jobs) {
    process.stderr.write(`${job.corpus} (${job.description}), ${ROUNDS} rounds `);
    const r = await runJob(job);
    rows.push(...r.rows);
    checks.push(r.check);
  }
  const st = want('startup') || !only ? await startup() : undefined;
  const calls = await actionCallCounts();
  const editor = want('editor') || !only ? await editorRelint(TMP, ROUNDS) : undefined;

  const cpus = (await import('node:os')).cpus();
  console.log(`\ncxlint bench — node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${ROUNDS} rounds alternated, medians\n`);
  console.log(table(rows));
  console.log('\nDefects found:');
  for (const c of checks) console.log('  ' + c);
  if (st) console.log(`\nStart-up (no files): cxlint ${st.cxlintMs.toFixed(0)} ms, peak RSS ${st.rssMb.toFixed(0)} MB; bare \`node -e 0\` ${st.nodeMs.toFixed(0)} ms`);
  console.log(`\nGitHub API calls per action run: ${calls.text}`);
  if (editor) {
    console.log(
      `\nEditor (language server), re-lint of one ${(editor.editedBytes / 1024).toFixed(0)} KB flow after an edit in a ${editor.flows}-flow workspace: ` +
        `${editor.relintMs.toFixed(1)} ms median (${editor.findings} findings) = ${(editor.relintMs / editor.parseAloneMs).toFixed(2)}× parsing that file alone ` +
        `(${editor.parseAloneMs.toFixed(1)} ms); the cold workspace load it avoids: ${editor.coldLoadMs.toFixed(0)} ms (${(editor.coldLoadMs / editor.relintMs).toFixed(0)}× the re-lint)`,
    );
  }

  // Ratios and targets (issue 5).
  const targets: Target[] = [];
  const row = (c: string, t: ToolName) => rows.find((r) => r.corpus === c && r.tool === t);
  const fastestPositioned = (c: string) =>
    rows.filter((r) => r.corpus === c && r.tool.startsWith('floor:') && r.tool !== 'floor:js-yaml').sort((a, b) => a.wallMs - b.wallMs)[0];
  console.log('\nRatios (wall time):');
  for (const c of [...new Set(rows.map((r) => r.corpus))]) {
    const cx = row(c, 'cxlint')!;
    const sp = row(c, 'spectral');
    const fl = fastestPositioned(c);
    const parts = [];
    if (sp) parts.push(`Spectral/cxlint ${(sp.wallMs / cx.wallMs).toFixed(1)}×`);
    if (fl) parts.push(`cxlint/${fl.tool} ${(cx.wallMs / fl.wallMs).toFixed(2)}×`);
    console.log(`  ${pad(c, 11)} ${parts.join(', ')}`);
  }
  const off1000 = row('flows-1000', 'cxlint');
  for (const c of ['auto', '2'] as const) {
    const pooled = row('flows-1000', `cxlint --concurrency ${c}`);
    if (off1000 && pooled) console.log(`${c === 'auto' ? '\n' : ''}Concurrency, 1,000 flows: --concurrency ${c} / off = ${(pooled.wallMs / off1000.wallMs).toFixed(2)}× wall, ${(pooled.cpuS / off1000.cpuS).toFixed(2)}× CPU (${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)})`);
  }
  const r200 = row('flows-200', 'cxlint');
  const s200 = row('flows-200', 'spectral');
  if (r200 && s200) targets.push({ what: 'vs Spectral, 200 flows', goal: '≥ 10×', measured: `${(s200.wallMs / r200.wallMs).toFixed(1)}×`, met: s200.wallMs / r200.wallMs >= 10 });
  const f1000 = fastestPositioned('flows-1000');
  const r1000 = row('flows-1000', 'cxlint');
  if (r1000 && f1000) {
    const ratio = r1000.wallMs / f1000.wallMs;
    targets.push({ what: `lint overhead vs ${f1000.tool.slice(6)}, 1,000 flows`, goal: '≤ 1.5×', measured: `${ratio.toFixed(2)}×`, met: ratio <= 1.5 });
    const mbs = r1000.bytes / 1024 / 1024 / (r1000.wallMs / 1000);
    targets.push({ what: 'end-to-end, 1,000 flows', goal: '≥ 20 MB/s', measured: `${mbs.toFixed(1)} MB/s`, met: mbs >= 20 });
  }
  const r5000 = row('repo-5000', 'cxlint');
  if (r5000) targets.push({ what: 'peak RSS, 5,000-file repo', goal: '< 300 MB', measured: `${r5000.peakRssMb.toFixed(0)} MB`, met: r5000.peakRssMb < 300 });
  const r10000 = row('repo-10000', 'cxlint');
  if (r5000 && r10000) {
    // Memory should stay flat in repository size: the 10,000-file repo is the 5,000-file one twice over.
    const ratio = r10000.peakRssMb / r5000.peakRssMb;
    console.log(`\nPeak RSS as the repo doubles: ${r5000.peakRssMb.toFixed(0)} MB at 5,000 files, ${r10000.peakRssMb.toFixed(0)} MB at 10,000 files = ${ratio.toFixed(2)}×`);
    targets.push({ what: 'peak RSS when the repo doubles (10k / 5k)', goal: '< 1.25×', measured: `${ratio.toFixed(2)}× (${r10000.peakRssMb.toFixed(0)} / ${r5000.peakRssMb.toFixed(0)} MB)`, met: ratio < 1.25 });
  }
  if (st) targets.push({ what: 'CLI start-up, no files', goal: '< 150 ms', measured: `${st.cxlintMs.toFixed(0)} ms (bare node ${st.nodeMs.toFixed(0)} ms)`, met: st.cxlintMs < 150 });
  if (editor) targets.push({ what: 'editor re-lint, 30 KB flow of 1,000', goal: '≤ 50 ms', measured: `${editor.relintMs.toFixed(1)} ms`, met: editor.relintMs <= 50 });
  if (calls.flat !== undefined) targets.push({ what: 'API calls independent of findings', goal: 'constant', measured: calls.text, met: calls.flat });
  console.log('\nTargets:');
  for (const t of targets) console.log(`  ${t.met ? 'MET    ' : 'NOT MET'}  ${pad(t.what, 42)} ${pad(t.goal, 10)} ${t.measured}`);

  if (opts.json) {
    writeFileSync(
      opts.json,
      JSON.stringify({ node: process.version, rounds: ROUNDS, rows: rows.map(({ runs, ...r }) => ({ ...r, walls: runs.map((x) => Math.round(x.wallMs)) })), checks, startup: st, calls, editor, targets }, null, 2),
    );
  }
  if (checks.some((c) => c.startsWith('MISMATCH'))) process.exitCode = 1;
}

await main();
