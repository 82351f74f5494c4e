/**
 * Deterministic synthetic corpora: Archy flow YAML shaped like the public Genesys blueprints (tasks of
 * setParticipantData, getParticipantData, callData, decision, updateData, playAudio, transferToAcd…), with a
 * seeded share of literal-key defects whose file and line are known in advance, so the bench can check that
 * cxlint and Spectral found the same ones.
 */
import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** mulberry32: tiny, fast and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['customer', 'account', 'queue', 'callback', 'language', 'priority', 'segment', 'order', 'ticket', 'session', 'region', 'balance', 'status', 'intent', 'agent', 'survey'];
const FLOW_TYPES = ['inboundCall', 'inboundShortMessage', 'inboundChat', 'inqueueCall', 'workflow'];

export interface Defect {
  /** 1-based line of the reported scalar. */
  line: number;
}

export interface GeneratedFlow {
  text: string;
  defects: Defect[];
}

class Writer {
  lines: string[] = [];
  defects: Defect[] = [];
  push(indent: number, s: string): void {
    this.lines.push(' '.repeat(indent) + s);
  }
  /** Marks the line about to be pushed as a seeded defect. */
  defectNext(): void {
    this.defects.push({ line: this.lines.length + 1 });
  }
}

/**
 * One flow of `tasks` tasks. `defectRate` is the share of participant-data attributes whose name is dynamic
 * (`exp:`, `var:` or a `{{…}}`/`${…}` template inside `lit:`), the literal-key defect both tools must find.
 */
export function generateFlow(seed: number, tasks = 20, defectRate = 0.1, actionsPerTask = 2): GeneratedFlow {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const word = () => pick(WORDS);
  const camel = () => {
    const b = word();
    return word() + b[0].toUpperCase() + b.slice(1);
  };
  const w = new Writer();
  const type = pick(FLOW_TYPES);
  w.push(0, `${type}:`);
  w.push(2, `name: Bench ${type} ${seed}`);
  w.push(2, `description: Synthetic flow ${seed} for the cxlint benchmark; routes ${word()} and ${word()} contacts.`);
  w.push(2, `division: Home`);
  w.push(2, `startUpRef: "/${type}/tasks/task[Task_0]"`);
  w.push(2, `defaultLanguage: en-us`);
  w.push(2, `supportedLanguages:`);
  w.push(4, `en-us:`);
  w.push(6, `defaultLanguageSkill:`);
  w.push(8, `noValue: true`);
  w.push(2, `settingsErrorHandling:`);
  w.push(4, `errorHandling:`);
  w.push(6, `disconnect:`);
  w.push(8, `none: true`);
  w.push(2, `variables:`);
  for (let i = 0; i < 4; i++) {
    w.push(4, `- stringVariable:`);
    w.push(8, `name: Flow.${camel()}${i}`);
    w.push(8, `initialValue:`);
    w.push(10, `noValue: true`);
  }
  w.push(2, `tasks:`);
  for (let t = 0; t < tasks; t++) {
    w.push(4, `- task:`);
    w.push(8, `name: ${word()} ${word()} task ${t}`);
    w.push(8, `refId: Task_${t}`);
    w.push(8, `variables:`);
    w.push(10, `- stringVariable:`);
    w.push(14, `name: Task.${camel()}`);
    w.push(14, `initialValue:`);
    w.push(16, `lit: "${word()}"`);
    w.push(8, `actions:`);
    for (let a = 0; a < actionsPerTask; a++) action(w, r, pick, word, camel, defectRate, t, t * actionsPerTask + a);
    w.push(10, `- jumpToTask:`);
    w.push(14, `name: Next`);
    w.push(14, `targetTaskRef: ./tasks/task[Task_${(t + 1) % tasks}]`);
  }
  return { text: w.lines.join('\n') + '\n', defects: w.defects };
}

function attributeName(w: Writer, r: () => number, camel: () => string, defectRate: number, indent: number): void {
  w.push(indent, `name:`);
  if (r() < defectRate) {
    const kind = Math.floor(r() * 4);
    w.defectNext();
    if (kind === 0) w.push(indent + 2, `exp: Flow.${camel()}`);
    else if (kind === 1) w.push(indent + 2, `var: Task.${camel()}`);
    else if (kind === 2) w.push(indent + 2, `lit: "${camel()}_{{${camel()}}}"`);
    else w.push(indent + 2, `lit: "${camel()}_\${input.${camel()}}"`);
  } else {
    w.push(indent + 2, `lit: ${camel()}`);
  }
}

function action(
  w: Writer,
  r: () => number,
  pick: <T>(xs: readonly T[]) => T,
  word: () => string,
  camel: () => string,
  defectRate: number,
  t: number,
  a: number,
): void {
  const i = 10;
  switch (a % 8) {
    case 0:
    case 4: {
      w.push(i, `- setParticipantData:`);
      w.push(i + 4, `name: Save ${word()} ${t}.${a}`);
      w.push(i + 4, `attributes:`);
      const n = 1 + Math.floor(r() * 3);
      for (let k = 0; k < n; k++) {
        w.push(i + 6, `- attribute:`);
        attributeName(w, r, camel, defectRate, i + 10);
        w.push(i + 10, `value:`);
        w.push(i + 12, r() < 0.5 ? `exp: ToString(Flow.${camel()})` : `lit: ${word()}`);
      }
      break;
    }
    case 1: {
      w.push(i, `- getParticipantData:`);
      w.push(i + 4, `name: Read ${word()}`);
      w.push(i + 4, `attributes:`);
      w.push(i + 6, `- attribute:`);
      attributeName(w, r, camel, defectRate, i + 10);
      w.push(i + 10, `variable: Task.${camel()}`);
      break;
    }
    case 2: {
      const cat = pick(['Genesys Cloud Data Actions', 'Salesforce', 'ServiceNow', 'Web Services']);
      w.push(i, `- callData:`);
      w.push(i + 4, `name: Look up ${word()}`);
      w.push(i + 4, `timeout:`);
      w.push(i + 6, `lit:`);
      w.push(i + 8, `minutes: 1`);
      w.push(i + 4, `category:`);
      w.push(i + 6, `${cat}:`);
      w.push(i + 8, `dataAction:`);
      w.push(i + 10, `Get ${word()} by ${word()}:`);
      w.push(i + 12, `inputs:`);
      w.push(i + 14, `${camel()}Id:`);
      w.push(i + 16, `exp: Call.Ani`);
      w.push(i + 14, `${camel()}Name:`);
      w.push(i + 16, `lit: "${word()}"`);
      w.push(i + 12, `successOutputs:`);
      w.push(i + 14, `${camel()}:`);
      w.push(i + 16, `var: Task.${camel()}`);
      w.push(i + 12, `failureOutputs:`);
      w.push(i + 14, `errorCode:`);
      w.push(i + 16, `noValue: true`);
      w.push(i + 14, `status:`);
      w.push(i + 16, `noValue: true`);
      w.push(i + 4, `outputs:`);
      w.push(i + 6, `success:`);
      w.push(i + 8, `actions:`);
      w.push(i + 10, `- updateData:`);
      w.push(i + 14, `name: Mark found`);
      w.push(i + 14, `statements:`);
      w.push(i + 16, `- boolean:`);
      w.push(i + 20, `variable: Task.found`);
      w.push(i + 20, `value:`);
      w.push(i + 22, `lit: true`);
      w.push(i + 6, `failure:`);
      w.push(i + 8, `actions:`);
      w.push(i + 10, `- playAudio:`);
      w.push(i + 14, `name: Apologise`);
      w.push(i + 14, `audio:`);
      w.push(i + 16, `tts: "We could not find your ${word()}, sorry about that."`);
      w.push(i + 6, `timeout:`);
      w.push(i + 8, `actions:`);
      w.push(i + 10, `- disconnect:`);
      w.push(i + 14, `name: Give up`);
      break;
    }
    case 3: {
      w.push(i, `- decision:`);
      w.push(i + 4, `name: Is ${word()} known`);
      w.push(i + 4, `condition:`);
      w.push(i + 6, `exp: IsSet(Task.${camel()}) and Length(Task.${camel()}) > ${Math.floor(r() * 10)}`);
      w.push(i + 4, `outputs:`);
      w.push(i + 6, `yes:`);
      w.push(i + 8, `actions:`);
      w.push(i + 10, `- updateData:`);
      w.push(i + 14, `name: Set priority`);
      w.push(i + 14, `statements:`);
      w.push(i + 16, `- integer:`);
      w.push(i + 20, `variable: Flow.priority`);
      w.push(i + 20, `value:`);
      w.push(i + 22, `lit: ${Math.floor(r() * 100)}`);
      w.push(i + 6, `no:`);
      w.push(i + 8, `actions:`);
      w.push(i + 10, `- playAudio:`);
      w.push(i + 14, `name: Tell them`);
      w.push(i + 14, `audio:`);
      w.push(i + 16, `exp: AudioPlaybackOptions(Append(ToAudioTTS("Your ${word()} is"), ToAudioTTS(Task.${camel()})), true)`);
      break;
    }
    case 5: {
      w.push(i, `- updateData:`);
      w.push(i + 4, `name: Compute ${word()}`);
      w.push(i + 4, `statements:`);
      w.push(i + 6, `- string:`);
      w.push(i + 10, `variable: Task.${camel()}`);
      w.push(i + 10, `value:`);
      w.push(i + 12, `exp: 'Substring(ToString(Call.Ani), 0, ${1 + Math.floor(r() * 9)})'`);
      w.push(i + 6, `- string:`);
      w.push(i + 10, `variable: Task.${camel()}`);
      w.push(i + 10, `value:`);
      w.push(i + 12, `exp: "If(IsNotSetOrEmpty(Flow.${camel()}), \\"${word()}\\", Flow.${camel()})"`);
      break;
    }
    case 6: {
      w.push(i, `- playAudio:`);
      w.push(i + 4, `name: Prompt ${word()}`);
      w.push(i + 4, `audio:`);
      w.push(i + 6, `tts: >-`);
      w.push(i + 8, `Thanks for calling about your ${word()}. Please stay on the line while we find`);
      w.push(i + 8, `the right ${word()} team for you.`);
      break;
    }
    default: {
      w.push(i, `- transferToAcd:`);
      w.push(i + 4, `name: To ${word()} queue`);
      w.push(i + 4, `targetQueue:`);
      w.push(i + 6, `lit:`);
      w.push(i + 8, `name: ${word()} ${word()}`);
      w.push(i + 4, `priority:`);
      w.push(i + 6, `lit: ${Math.floor(r() * 5)}`);
      w.push(i + 4, `preTransferAudio:`);
      w.push(i + 6, `tts: Connecting you now.`);
      w.push(i + 4, `failureOutputs:`);
      w.push(i + 6, `errorType:`);
      w.push(i + 8, `noValue: true`);
      w.push(i + 4, `outputs:`);
      w.push(i + 6, `failure:`);
      w.push(i + 8, `actions:`);
      w.push(i + 10, `- disconnect:`);
      w.push(i + 14, `name: Disconnect`);
    }
  }
}

export interface CorpusFile {
  path: string;
  bytes: number;
  defects: Defect[];
}

export interface Corpus {
  name: string;
  dir: string;
  files: CorpusFile[];
  /** YAML files only (what the parse floor and Spectral read). */
  yamlFiles: string[];
  bytes: number;
  description: string;
}

/** Tasks per flow so a flow lands near `targetBytes` (~1.5 KB per task). */
export function flowOfSize(seed: number, targetBytes: number): GeneratedFlow {
  let tasks = Math.max(1, Math.round(targetBytes / 1500));
  let f = generateFlow(seed, tasks);
  // One correction step is enough: size is linear in tasks.
  tasks = Math.max(1, Math.round((tasks * targetBytes) / Buffer.byteLength(f.text)));
  f = generateFlow(seed, tasks);
  return f;
}

const README = '# Synthetic repo\n\nGenerated by packages/bench for the cxlint benchmark.\n';

function dataAction(seed: number): string {
  const r = rng(seed);
  const name = `Get ${WORDS[Math.floor(r() * WORDS.length)]} ${seed}`;
  return JSON.stringify(
    {
      name,
      integrationType: 'purecloud-data-actions',
      actionType: 'custom',
      config: {
        request: { requestUrlTemplate: '/api/v2/users/${input.userId}', requestType: 'GET', headers: {}, requestTemplate: '${input.rawRequest}' },
        response: { translationMap: { name: '$.name' }, translationMapDefaults: {}, successTemplate: '{"name": ${name}}' },
      },
      contract: {
        input: { inputSchema: { type: 'object', properties: { userId: { type: 'string' } }, required: ['userId'] } },
        output: { successSchema: { type: 'object', properties: { name: { type: 'string' } } } },
      },
      secure: false,
    },
    null,
    2,
  );
}

/**
 * Writes (or reuses, when its manifest matches) one corpus under `root/name`. The 5,000-file repo mixes what
 * real CX-as-Code repos hold: flows of varied size, exported data actions, and files that are not ours
 * (docs, CI YAML, other JSON) that cxlint must skip cheaply.
 */
export function writeCorpus(root: string, name: string): Corpus {
  const dir = resolve(root, name);
  const manifest = join(dir, '.manifest.json');
  const VERSION = 5;
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as Corpus & { version: number };
    if (m.version === VERSION) return m;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: CorpusFile[] = [];
  const made = new Set<string>();
  const add = (rel: string, text: string, defects: Defect[] = []) => {
    const abs = join(dir, rel);
    const parent = join(abs, '..');
    if (!made.has(parent)) mkdirSync(parent, { recursive: true });
    made.add(parent);
    writeFileSync(abs, text);
    files.push({ path: abs, bytes: Buffer.byteLength(text), defects });
  };
  let description: string;
  if (name === 'flows-200' || name === 'flows-1000') {
    const n = name === 'flows-200' ? 200 : 1000;
    for (let i = 0; i < n; i++) {
      const f = generateFlow(1000 + i);
      add(`flows/flow-${String(i).padStart(4, '0')}.yaml`, f.text, f.defects);
    }
    description = `${n} flows × 20 tasks`;
  } else if (name === 'flow-1mb') {
    const f = flowOfSize(7, 1024 * 1024);
    add('flows/huge.yaml', f.text, f.defects);
    description = 'one 1 MB flow';
  } else if (name === 'repo-5000' || name === 'repo-10000') {
    // 5,000 files: 2,500 flows (2–30 KB), 1,000 data actions, 1,500 files that are not ours. The 10,000-file repo
    // is the same mix twice over (its first half is the 5,000-file repo), so peak RSS can be compared as it doubles.
    const scale = name === 'repo-10000' ? 2 : 1;
    const r = rng(5000);
    for (let i = 0; i < 2500 * scale; i++) {
      const size = 2000 + Math.floor(r() * r() * 28000);
      const f = flowOfSize(20000 + i, size);
      add(`teams/team-${i % 50}/flows/flow-${i}.yaml`, f.text, f.defects);
    }
    for (let i = 0; i < 1000 * scale; i++) add(`teams/team-${i % 50}/actions/action-${i}.json`, dataAction(i));
    for (let i = 0; i < 1500 * scale; i++) {
      const k = i % 3;
      if (k === 0) add(`docs/page-${i}.md`, README.repeat(20));
      else if (k === 1) add(`ci/workflow-${i}.yml`, `name: ci ${i}\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n`);
      else add(`config/settings-${i}.json`, JSON.stringify({ name: `settings ${i}`, values: Array.from({ length: 50 }, (_, j) => j) }, null, 2));
    }
    description = `${(2500 * scale).toLocaleString('en')} flows (2–30 KB) + ${(1000 * scale).toLocaleString('en')} data actions + ${(1500 * scale).toLocaleString('en')} other files`;
  } else if (name === 'tiny-100000') {
    // 100,000 one-task flows of ~1.4 KB (one Set Participant Data each, 2% with a dynamic key), 1,000 per folder:
    // what a repository of many small files costs per file, apart from its bytes.
    for (let i = 0; i < 100_000; i++) {
      const f = generateFlow(300000 + i, 1, 0.02, 1);
      add(`flows/${String(Math.floor(i / 1000)).padStart(3, '0')}/flow-${i}.yaml`, f.text, f.defects);
    }
    description = '100,000 one-task flows of ~1.4 KB';
  } else {
    throw new Error(`Unknown corpus ${name}`);
  }
  const corpus: Corpus = {
    name,
    dir,
    files,
    yamlFiles: files.filter((f) => /\.ya?ml$/.test(f.path)).map((f) => f.path),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    description,
  };
  writeFileSync(manifest, JSON.stringify({ ...corpus, version: VERSION }));
  return corpus;
}
