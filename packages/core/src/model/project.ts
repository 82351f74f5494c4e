import type { FileKind } from '../diagnostics.js';
import type { ParsedFile } from '../parse/parse-file.js';
import { builtInContributors } from './contributors.js';
import { extractFacts, type FileFacts } from './facts.js';

/** The facts `Project.fromFacts` hands its constructor (set only during that call). */
let pendingFacts: readonly FileFacts[] | undefined;

/** Settings from the config that describe the project rather than a rule. */
export interface ProjectSettings {
  /** Participant-data keys set outside the repo (web messenger custom attributes, scripts, external systems). */
  knownParticipantKeys?: string[];
  /** `{{key}}` substitutions provided to every flow (e.g. an Archy options file's keys). */
  substitutions?: string[];
  [name: string]: unknown;
}

/**
 * A participant-data key set or read somewhere in the project: a plain fact (the file's path and the key's range
 * in it, never the file's tree), so the project's key indexes keep no other file alive and can be serialized.
 */
export interface KeyOccurrence {
  key: string;
  /** The path of the file that sets or reads the key, as the file was given to the linter. */
  path: string;
  range: [number, number];
  /** Where the key comes from when it is not a flow action (a data action, the config). */
  origin: 'flow' | 'data-action' | 'config' | 'terraform';
}

/** Extra sources of facts that other modules (Terraform, data actions) plug in without core knowing them. */
export interface ProjectContributor {
  /**
   * Participant-data keys this file sets (e.g. a data action that PATCHes participant attributes, or a flow
   * that calls one with a literal key), from the file's facts. The project is there for facts from other files.
   */
  participantKeysSet?(file: FileFacts, project: Project): KeyOccurrence[];
  /** `{{key}}` substitutions this project provides to a flow file (by path); undefined when it knows nothing about the flow. */
  substitutionsFor?(flow: { path: string }, project: Project): Iterable<string> | undefined;
}

/**
 * Everything the linted repository holds, for cross-file rules: every flow, data action and Terraform file,
 * not only the changed ones (linting changed files alone would report keys "never set" that other flows set).
 *
 * Built from facts only (`FileFacts`, one plain record per file): the project holds no tree, so it costs memory in
 * proportion to what other files need to know, and a cache can store what it is built from. Indexes are built
 * lazily, once, and hold plain data (Maps and Sets of plain values), so what a rule read can be digested.
 */
export class Project {
  /** The facts of every file the linter was given, in input order. Rules read them through the indexes. */
  readonly facts: readonly FileFacts[];
  readonly settings: ProjectSettings;
  /**
   * What the linter was built with (`createLinter({ contributors })`), never filled by an import. A project built
   * directly (`new Project(files)`, `Project.fromFacts(facts)`) gets the built-in ones.
   */
  readonly contributors: readonly ProjectContributor[];
  /**
   * Called on every index read (built or memoised), path lookups included, with the index's name and value: how a
   * cache learns which project facts a cross-file rule's result depends on.
   */
  onIndexRead?: (name: string, value: unknown) => void;
  private readonly indexes = new Map<string, unknown>();
  private readonly byPath = new Map<string, FileFacts>();

  /** A project of parsed files: their facts are extracted (`extractFacts`) and the trees are not kept. */
  constructor(files: readonly ParsedFile[], settings: ProjectSettings = {}, contributors: readonly ProjectContributor[] = builtInContributors) {
    this.facts = pendingFacts ?? files.map(extractFacts);
    this.settings = settings;
    this.contributors = contributors;
    for (const f of this.facts) this.byPath.set(f.path, f);
  }

  /** A project of facts alone (from `extractFacts`, possibly through a JSON round trip): no tree anywhere. */
  static fromFacts(facts: readonly FileFacts[], settings: ProjectSettings = {}, contributors: readonly ProjectContributor[] = builtInContributors): Project {
    pendingFacts = facts;
    try {
      return new Project([], settings, contributors);
    } finally {
      pendingFacts = undefined;
    }
  }

  /** Whether the linter was given a file at this path (any kind, parsed or not). */
  hasPath(path: string): boolean {
    return this.index(`path:${path}`, () => this.byPath.has(path));
  }

  /**
   * Paths of the files given whose `/`-prefixed path ends with `suffix` (e.g. `/flows/a.yaml`), in input order, as
   * given. A `\\` in a given path counts as `/` (a Windows path handed to the API).
   */
  pathsEndingWith(suffix: string): string[] {
    return this.index(`paths-ending:${suffix}`, () => this.facts.filter((f) => `/${f.path.replace(/\\/g, '/')}`.endsWith(suffix)).map((f) => f.path));
  }

  /** The facts of the file at this path. */
  factsOf(path: string): FileFacts | undefined {
    return this.index(`facts:${path}`, () => this.byPath.get(path));
  }

  /** The facts of every file of a kind that parsed without errors, in input order. */
  filesOfKind(kind: FileKind): FileFacts[] {
    return this.index(`kind:${kind}`, () => this.facts.filter((f) => f.kind === kind && !f.parseFailed));
  }

  /** Whether any file of a kind parsed without errors (without depending on what is in them). */
  hasFilesOfKind(kind: FileKind): boolean {
    return this.index(`has-kind:${kind}`, () => this.facts.some((f) => f.kind === kind && !f.parseFailed));
  }

  /** A memoised index, so rules that need the same fact (keys set anywhere) compute it once per run. */
  index<T>(name: string, build: (project: Project) => T): T {
    let value: T;
    if (this.indexes.has(name)) value = this.indexes.get(name) as T;
    else {
      value = build(this);
      this.indexes.set(name, value);
    }
    this.onIndexRead?.(name, value);
    return value;
  }

  /** Participant-data keys set anywhere in the project, by exact spelling. */
  participantKeysSet(): Map<string, KeyOccurrence[]> {
    return this.index('participant-keys-set', () => {
      const out = new Map<string, KeyOccurrence[]>();
      const add = (o: KeyOccurrence) => {
        const list = out.get(o.key);
        if (list) list.push(o); else out.set(o.key, [o]);
      };
      for (const file of this.filesOfKind('flow')) for (const o of file.flow?.keysSet ?? []) add(o);
      for (const file of this.facts) {
        if (file.parseFailed) continue;
        for (const c of this.contributors) for (const o of c.participantKeysSet?.(file, this) ?? []) add(o);
      }
      return out;
    });
  }

  /** Participant-data keys read by Get Participant Data anywhere in the project. */
  participantKeysRead(): Map<string, KeyOccurrence[]> {
    return this.index('participant-keys-read', () => {
      const out = new Map<string, KeyOccurrence[]>();
      for (const file of this.filesOfKind('flow')) {
        for (const o of file.flow?.keysRead ?? []) {
          const list = out.get(o.key);
          if (list) list.push(o); else out.set(o.key, [o]);
        }
      }
      return out;
    });
  }

  /**
   * The `{{key}}` names deployment fills in for this flow: the config's `substitutions` plus whatever
   * contributors (Terraform `genesyscloud_flow.substitutions`, Archy options files) know.
   * `known` is false when no source describes this flow at all.
   */
  substitutionsFor(flow: { path: string }): { names: Set<string>; known: boolean } {
    return this.index(`substitutions:${flow.path}`, () => {
      const names = new Set<string>(this.settings.substitutions ?? []);
      let known = names.size > 0;
      for (const c of this.contributors) {
        const got = c.substitutionsFor?.(flow, this);
        if (got) {
          known = true;
          for (const n of got) names.add(n);
        }
      }
      return { names, known };
    });
  }
}
