/**
 * `npm run bench`: cxlint's whole CLI process vs the YAML parse floor vs Spectral, on the same files,
 * alternated round by round, medians reported. Prints a table, the ratios, and last the TARGETS of issue 13,
 * each a ratio against a peer measured in the same run.
 *
 *   node packages/bench/dist/run.js [--rounds N] [--huge-rounds N] [--spectral-all] [--json out.json]
 *     [--only targets | flows-200,flows-1000,flow-1mb,repo-5000,repo-10000,tiny-100000,corpus,cache,startup,editor,calls]
 *
 * `--only targets` runs what the TARGETS table needs and nothing else (fewer parse floors, no editor, no action).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** A row of the TARGETS table (issue 13): `met` is undefined when the run could not measure it. */
interface Target13 {
  target: string;
  measured: string;
  goal: string;
  met: boolean | undefined;
  status: string;
}

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'huge-rounds': { type: 'string', default: '1' },
    only: { type: 'string' },
    'spectral-all': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const ROUNDS = Math.max(1, Number(opts.rounds));
/** Rounds on the 100,000-file set, whose every cxlint run takes minutes on 2 cores. */
const HUGE_ROUNDS = Math.max(1, Number(opts['huge-rounds']));
const TARGETS_ONLY = opts.only === 'targets';

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
  /** Which parse floors run beside cxlint. */
  floors: readonly FloorMode[];
  rounds: number;
  /** Seeded defects as `abs path:line`, when known. */
  seeded?: Set<string>;
}

function syntheticJob(c: Corpus, spectral: boolean, floors: readonly FloorMode[], rounds: number): Job {
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
    floors,
    rounds,
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
    floors: FLOOR_MODES,
    rounds: ROUNDS,
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
    ...job.floors.map((m) => ({ tool: `floor:${m}` as ToolName, cmd: [FLOOR, m, listFile], files: job.yamlFiles.length, bytes: job.yamlBytes })),
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
  for (let round = 0; round < job.rounds; round++) {
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

interface Startup {
  cxlintMs: number;
  nodeMs: number;
  cxlintCpuS: number;
  nodeCpuS: number;
  rssMb: number;
  runs: number;
}

/** `cxlint --format json .` in an empty folder against bare `node -e 0`, alternated, medians. */
async function startup(): Promise<Startup> {
  const empty = join(TMP, 'empty');
  mkdirSync(empty, { recursive: true });
  const cx: Measured[] = [];
  const bare: Measured[] = [];
  const runs = Math.max(11, ROUNDS * 4);
  for (let i = 0; i < runs; i++) {
    const runCxlint = async () => cx.push(await measure(process.execPath, [CXLINT, '--format', 'json', '.'], empty));
    const runNode = async () => bare.push(await measure(process.execPath, ['-e', '0'], empty));
    if (i % 2) await runNode().then(runCxlint);
    else await runCxlint().then(runNode);
  }
  const bad = cx.find((m) => m.code !== 0 || m.stdout.trim() !== '[]');
  if (bad) throw new Error(`cxlint in an empty folder: exit ${bad.code}, ${bad.stdout.slice(0, 200)} ${bad.stderr.slice(0, 200)}`);
  return {
    cxlintMs: median(cx.map((m) => m.wallMs)),
    nodeMs: median(bare.map((m) => m.wallMs)),
    cxlintCpuS: median(cx.map((m) => m.cpuS)),
    nodeCpuS: median(bare.map((m) => m.cpuS)),
    rssMb: median(cx.map((m) => m.peakRssMb)),
    runs,
  };
}

interface CacheEdit {
  edit: string;
  coldMs: number;
  warmMs: number;
  coldCpuS: number;
  warmCpuS: number;
  /** Round 0: the warm run's JSON equals a run without --cache on the same edited files. */
  sameAsUncached: boolean;
}

interface CacheResult {
  files: number;
  rounds: number;
  edits: CacheEdit[];
  /** Why nothing could be measured (the CLI has no --cache). */
  unavailable?: string;
}

/** The flow every warm run finds changed, relative to the cache copy of the 5,000-file repo. */
const CACHE_EDITED = 'teams/team-0/flows/flow-0.yaml';
const CACHE_EDITS: { edit: string; apply: (text: string) => string }[] = [
  {
    // Words of a description: the flow's facts (keys set and read, calls) stay as they were.
    edit: 'one flow edited, no participant-data key touched',
    apply: (t) => t.replace('description: Synthetic flow', 'description: Edited synthetic flow'),
  },
  {
    // A new Set Participant Data key: cross-file results (keys set/read across the repo) must be recomputed.
    edit: 'one flow edited, a Set Participant Data key added',
    apply: (t) =>
      t.replace(
        '\n        actions:\n',
        '\n        actions:\n' +
          [
            '          - setParticipantData:',
            '              name: Bench cache edit',
            '              attributes:',
            '                - attribute:',
            '                    name:',
            '                      lit: benchCacheEditKey',
            '                    value:',
            '                      lit: edited',
          ].join('\n') +
          '\n',
      ),
  },
];

/**
 * ESLint's `--cache --cache-location <file>` on a copy of the 5,000-file repo: per round a cold run (no cache
 * file), then for each edit a warm run with that one flow changed. The copy keeps the shared corpus untouched.
 */
async function cacheRuns(source: Corpus): Promise<CacheResult> {
  const dir = join(TMP, 'cache-repo-5000');
  const marker = join(dir, '.copied-from');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== readFileSync(join(source.dir, '.manifest.json'), 'utf8')) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(source.dir, dir, { recursive: true });
    writeFileSync(marker, readFileSync(join(source.dir, '.manifest.json'), 'utf8'));
  }
  const cacheFile = join(TMP, 'cache-repo-5000.cxlintcache');
  const target = join(dir, CACHE_EDITED);
  const original = readFileSync(target, 'utf8');
  for (const e of CACHE_EDITS) if (e.apply(original) === original) throw new Error(`cache edit "${e.edit}" changes nothing in ${target}`);
  const lint = (cache: boolean) =>
    measure(process.execPath, [CXLINT, '--format', 'json', ...(cache ? ['--cache', '--cache-location', cacheFile] : []), '.'], dir);
  const cold: Measured[] = [];
  const warm = CACHE_EDITS.map(() => [] as Measured[]);
  const same = CACHE_EDITS.map(() => true);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      writeFileSync(target, original);
      rmSync(cacheFile, { force: true });
      const c = await lint(true);
      if (c.code === 2) {
        if (/unknown option/i.test(c.stderr)) return { files: source.files.length, rounds: 0, edits: [], unavailable: 'no --cache' };
        throw new Error(`cxlint --cache failed: ${c.stderr}`);
      }
      cold.push(c);
      process.stderr.write('.');
      for (const [k, e] of CACHE_EDITS.entries()) {
        writeFileSync(target, e.apply(original));
        const w = await lint(true);
        if (w.code === 2) throw new Error(`cxlint --cache (warm) failed: ${w.stderr}`);
        warm[k].push(w);
        if (round === 0) same[k] = w.stdout === (await lint(false)).stdout;
        process.stderr.write('.');
      }
    }
  } finally {
    writeFileSync(target, original);
    process.stderr.write('\n');
  }
  return {
    files: source.files.length,
    rounds: ROUNDS,
    edits: CACHE_EDITS.map((e, k) => ({
      edit: e.edit,
      coldMs: median(cold.map((m) => m.wallMs)),
      coldCpuS: median(cold.map((m) => m.cpuS)),
      warmMs: median(warm[k].map((m) => m.wallMs)),
      warmCpuS: median(warm[k].map((m) => m.cpuS)),
      sameAsUncached: same[k],
    })),
  };
}

function targetsTable(ts: Target13[]): string {
  const head = ['target (issue 13)', 'measured', 'goal', 'status'];
  const lines = [head, ...ts.map((t) => [t.target, t.measured, t.goal, t.status])];
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l, li) => l.map((c, i) => pad(c, widths[i])).join('  ').trimEnd() + (li === 0 ? '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : '')).join('\n');
}

const TARGET_SETS = ['flows-200', 'flows-1000', 'repo-5000', 'repo-10000', 'tiny-100000', 'cache', 'startup'];

async function main(): Promise<void> {
  const only = TARGETS_ONLY ? new Set(TARGET_SETS) : opts.only ? new Set(opts.only.split(',')) : undefined;
  const want = (n: string) => !only || only.has(n);
  const jobs: Job[] = [];
  // In a targets-only run each set gets only the floor its target compares with (js-yaml + listener).
  const floorsFor = (name: string): readonly FloorMode[] =>
    name === 'tiny-100000' ? [] : TARGETS_ONLY || name === 'repo-10000' ? ['js-yaml-listener'] : FLOOR_MODES;
  const synth: [string, boolean][] = [
    ['flows-200', true],
    ['flows-1000', opts['spectral-all']],
    ['flow-1mb', true],
    ['repo-5000', opts['spectral-all']],
    ['repo-10000', false],
    ['tiny-100000', false],
  ];
  const corpora = new Map<string, Corpus>();
  const generate = (name: string): Corpus => {
    if (!corpora.has(name)) {
      process.stderr.write(`generating ${name}… `);
      const t0 = Date.now();
      corpora.set(name, writeCorpus(TMP, name));
      process.stderr.write(`done (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
    return corpora.get(name)!;
  };
  for (const [name, spectral] of synth) {
    if (!want(name)) continue;
    jobs.push(syntheticJob(generate(name), spectral, floorsFor(name), name === 'tiny-100000' ? HUGE_ROUNDS : ROUNDS));
  }
  if (want('corpus')) {
    const j = corpusJob();
    if (j) jobs.push(j);
  }
  const rows: Row[] = [];
  const checks: string[] = [];
  const checkOk = new Map<string, boolean>();
  for (const job of jobs) {
    process.stderr.write(`${job.corpus} (${job.description}), ${job.rounds} round${job.rounds > 1 ? 's' : ''} `);
    const r = await runJob(job);
    rows.push(...r.rows);
    checks.push(r.check);
    checkOk.set(job.corpus, r.check.startsWith('OK'));
  }
  let cache: CacheResult | undefined;
  if (want('cache')) {
    process.stderr.write(`cache (--cache on a copy of repo-5000), ${ROUNDS} rounds `);
    cache = await cacheRuns(generate('repo-5000'));
  }
  const st = want('startup') ? await startup() : undefined;
  const calls = want('calls') ? await actionCallCounts() : undefined;
  const editor = want('editor') ? await editorRelint(TMP, ROUNDS) : undefined;

  const os = await import('node:os');
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`\ncxlint bench — ${new Date().toISOString()}, node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, load average ${load}`);
  console.log(`${ROUNDS} rounds alternated, medians (tiny-100000: ${HUGE_ROUNDS} round${HUGE_ROUNDS > 1 ? 's' : ''}, --huge-rounds)${TARGETS_ONLY ? '; --only targets: one parse floor per set, no editor or action runs' : ''}\n`);
  console.log(table(rows));
  console.log('\nDefects found:');
  for (const c of checks) console.log('  ' + c);
  if (st) console.log(`\nStart-up (no files, ${st.runs} runs each, alternated): cxlint ${st.cxlintMs.toFixed(0)} ms (CPU ${st.cxlintCpuS.toFixed(2)} s), peak RSS ${st.rssMb.toFixed(0)} MB; bare \`node -e 0\` ${st.nodeMs.toFixed(0)} ms (CPU ${st.nodeCpuS.toFixed(2)} s)`);
  if (cache) {
    if (cache.unavailable) console.log(`\nCache: not measurable (${cache.unavailable}: this cxlint exits 2 on --cache)`);
    else {
      console.log(`\nCache (--cache --cache-location <file>, ${cache.files} files, ${cache.rounds} round${cache.rounds > 1 ? 's' : ''}; cold = no cache file):`);
      for (const e of cache.edits)
        console.log(
          `  ${pad(e.edit, 50)} cold ${(e.coldMs / 1000).toFixed(2)} s (CPU ${e.coldCpuS.toFixed(2)}), warm ${(e.warmMs / 1000).toFixed(2)} s (CPU ${e.warmCpuS.toFixed(2)}); ` +
            `warm output ${e.sameAsUncached ? '= a run without --cache' : '≠ A RUN WITHOUT --cache'}`,
        );
    }
  }
  if (calls) console.log(`\nGitHub API calls per action run: ${calls.text}`);
  if (editor) {
    console.log(
      `\nEditor (language server), re-lint of one ${(editor.editedBytes / 1024).toFixed(0)} KB flow after an edit in a ${editor.flows}-flow workspace: ` +
        `${editor.relintMs.toFixed(1)} ms median (${editor.findings} findings) = ${(editor.relintMs / editor.parseAloneMs).toFixed(2)}× parsing that file alone ` +
        `(${editor.parseAloneMs.toFixed(1)} ms); the cold workspace load it avoids: ${editor.coldLoadMs.toFixed(0)} ms (${(editor.coldLoadMs / editor.relintMs).toFixed(0)}× the re-lint)`,
    );
  }

  const row = (c: string, t: ToolName) => rows.find((r) => r.corpus === c && r.tool === t);
  console.log('\nRatios (wall time):');
  for (const c of [...new Set(rows.map((r) => r.corpus))]) {
    const cx = row(c, 'cxlint')!;
    const sp = row(c, 'spectral');
    const fl = row(c, 'floor:js-yaml-listener');
    const parts = [];
    if (sp) parts.push(`Spectral/cxlint ${(sp.wallMs / cx.wallMs).toFixed(1)}×`);
    if (fl) parts.push(`cxlint/floor:js-yaml-listener ${(cx.wallMs / fl.wallMs).toFixed(2)}×`);
    console.log(`  ${pad(c, 11)} ${parts.join(', ')}`);
  }
  const off1000 = row('flows-1000', 'cxlint');
  for (const c of ['auto', '2'] as const) {
    const pooled = row('flows-1000', `cxlint --concurrency ${c}`);
    if (off1000 && pooled) console.log(`${c === 'auto' ? '\n' : ''}Concurrency, 1,000 flows: --concurrency ${c} / off = ${(pooled.wallMs / off1000.wallMs).toFixed(2)}× wall, ${(pooled.cpuS / off1000.cpuS).toFixed(2)}× CPU (${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)})`);
  }

  // Targets of issue 5 that issue 13 does not restate.
  const targets: Target[] = [];
  const r1000 = row('flows-1000', 'cxlint');
  if (r1000) {
    const mbs = r1000.bytes / 1024 / 1024 / (r1000.wallMs / 1000);
    targets.push({ what: 'end-to-end, 1,000 flows', goal: '≥ 20 MB/s', measured: `${mbs.toFixed(1)} MB/s`, met: mbs >= 20 });
  }
  if (editor) targets.push({ what: 'editor re-lint, 30 KB flow of 1,000', goal: '≤ 50 ms', measured: `${editor.relintMs.toFixed(1)} ms`, met: editor.relintMs <= 50 });
  if (calls?.flat !== undefined) targets.push({ what: 'API calls independent of findings', goal: 'constant', measured: calls.text, met: calls.flat });
  if (targets.length) {
    console.log('\nOther targets (issue 5):');
    for (const t of targets) console.log(`  ${t.met ? 'MET    ' : 'NOT MET'}  ${pad(t.what, 42)} ${pad(t.goal, 10)} ${t.measured}`);
  }

  // TARGETS (issue 13): every figure is a ratio against a peer measured in this run, or a peak RSS.
  const t13: Target13[] = [];
  const add = (target: string, goal: string, measured: string | undefined, met: boolean | undefined, why?: string) =>
    t13.push({ target, goal, measured: measured ?? '—', met, status: met === undefined ? `not measurable: ${why}` : met ? 'met' : 'NOT MET' });
  const skipped = (set: string) => (want(set) ? 'failed' : `not run (--only ${opts.only})`);
  const x = (n: number, d = 1) => `${n.toFixed(d)}×`;
  {
    const cx = row('flows-200', 'cxlint');
    const sp = row('flows-200', 'spectral');
    const same = checkOk.get('flows-200') === true;
    const note = same ? 'same findings' : 'FINDINGS DIFFER';
    if (cx && sp) {
      const wall = sp.wallMs / cx.wallMs;
      const cpu = sp.cpuS / cx.cpuS;
      add('Spectral / cxlint, whole process, 200 flows, wall', '≥ 10×', `${x(wall)} (${(sp.wallMs / 1000).toFixed(2)} / ${(cx.wallMs / 1000).toFixed(2)} s; ${note})`, wall >= 10 && same);
      add('Spectral / cxlint, whole process, 200 flows, CPU', '≥ 10×', `${x(cpu)} (${sp.cpuS.toFixed(2)} / ${cx.cpuS.toFixed(2)} CPU s; ${note})`, cpu >= 10 && same);
    } else {
      add('Spectral / cxlint, whole process, 200 flows, wall', '≥ 10×', undefined, undefined, skipped('flows-200'));
      add('Spectral / cxlint, whole process, 200 flows, CPU', '≥ 10×', undefined, undefined, skipped('flows-200'));
    }
  }
  {
    const cx = row('flows-1000', 'cxlint');
    const fl = row('flows-1000', 'floor:js-yaml-listener');
    if (cx && fl) {
      const wall = cx.wallMs / fl.wallMs;
      add('cxlint / js-yaml+listener floor, 1,000 flows, wall', '≤ 1.5×', `${x(wall, 2)} (${(cx.wallMs / 1000).toFixed(2)} / ${(fl.wallMs / 1000).toFixed(2)} s; CPU ${x(cx.cpuS / fl.cpuS, 2)})`, wall <= 1.5);
    } else add('cxlint / js-yaml+listener floor, 1,000 flows, wall', '≤ 1.5×', undefined, undefined, skipped('flows-1000'));
  }
  const r5000 = row('repo-5000', 'cxlint');
  const r10000 = row('repo-10000', 'cxlint');
  if (r5000) add('peak RSS, 5,000-file repo', '< 300 MB', `${r5000.peakRssMb.toFixed(0)} MB`, r5000.peakRssMb < 300);
  else add('peak RSS, 5,000-file repo', '< 300 MB', undefined, undefined, skipped('repo-5000'));
  if (r5000 && r10000) {
    const ratio = r10000.peakRssMb / r5000.peakRssMb;
    add('peak RSS as the repo doubles (10,000 / 5,000 files)', '< 1.25×', `${x(ratio, 2)} (${r10000.peakRssMb.toFixed(0)} / ${r5000.peakRssMb.toFixed(0)} MB)`, ratio < 1.25);
  } else add('peak RSS as the repo doubles (10,000 / 5,000 files)', '< 1.25×', undefined, undefined, skipped(r5000 ? 'repo-10000' : 'repo-5000'));
  const tiny = row('tiny-100000', 'cxlint');
  if (tiny) add(`peak RSS, 100,000 tiny files (${HUGE_ROUNDS} round${HUGE_ROUNDS > 1 ? 's' : ''})`, '< 1 GB', `${tiny.peakRssMb.toFixed(0)} MB (wall ${(tiny.wallMs / 1000).toFixed(1)} s)`, tiny.peakRssMb < 1024);
  else add('peak RSS, 100,000 tiny files', '< 1 GB', undefined, undefined, skipped('tiny-100000'));
  for (const e of cache?.edits.length ? cache.edits : CACHE_EDITS.map((e) => ({ edit: e.edit }) as Partial<CacheEdit>)) {
    const name = `warm --cache / cold, 5,000 files: ${e.edit}`;
    if (e.warmMs === undefined || e.coldMs === undefined)
      add(name, '≤ 10%', undefined, undefined, cache?.unavailable ?? skipped('cache'));
    else {
      const ratio = e.warmMs / e.coldMs;
      const note = e.sameAsUncached ? '' : '; OUTPUT ≠ UNCACHED';
      add(name, '≤ 10%', `${(ratio * 100).toFixed(1)}% (${(e.warmMs / 1000).toFixed(2)} / ${(e.coldMs / 1000).toFixed(2)} s${note})`, ratio <= 0.1 && e.sameAsUncached);
    }
  }
  if (st) {
    const ratio = st.cxlintMs / st.nodeMs;
    add('start-up, empty folder: cxlint --format json / node -e 0', '≤ 1.5×', `${x(ratio, 2)} (${st.cxlintMs.toFixed(0)} / ${st.nodeMs.toFixed(0)} ms; CPU ${(st.cxlintCpuS * 1000).toFixed(0)} / ${(st.nodeCpuS * 1000).toFixed(0)} ms)`, ratio <= 1.5);
  } else add('start-up, empty folder: cxlint --format json / node -e 0', '≤ 1.5×', undefined, undefined, skipped('startup'));
  console.log(`\nTARGETS (issue 13), measured in this run (load average ${load}):`);
  console.log(targetsTable(t13));

  if (opts.json) {
    writeFileSync(
      opts.json,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          loadavg: os.loadavg(),
          rounds: ROUNDS,
          hugeRounds: HUGE_ROUNDS,
          rows: rows.map(({ runs, ...r }) => ({ ...r, walls: runs.map((x) => Math.round(x.wallMs)) })),
          checks,
          startup: st,
          cache,
          calls,
          editor,
          targets13: t13,
          targets,
        },
        null,
        2,
      ),
    );
  }
  if (checks.some((c) => c.startsWith('MISMATCH')) || cache?.edits.some((e) => !e.sameAsUncached)) process.exitCode = 1;
}

await main();
