import type { ParsedFile } from '../parse/parse-file.js';
import { builtInContributors } from './contributors.js';
import { flowFacts } from './flow-facts.js';

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
   * that calls one with a literal key). The project is there for facts from other files.
   */
  participantKeysSet?(file: ParsedFile, project: Project): KeyOccurrence[];
  /** `{{key}}` substitutions this project provides to a flow file (by path); undefined when it knows nothing about the flow. */
  substitutionsFor?(flow: { path: string }, project: Project): Iterable<string> | undefined;
}

/**
 * Everything the linted repository holds, for cross-file rules: every flow, data action and Terraform file,
 * not only the changed ones (linting changed files alone would report keys "never set" that other flows set).
 * Indexes are built lazily, once.
 */
export class Project {
  readonly files: ParsedFile[];
  readonly settings: ProjectSettings;
  /**
   * What the linter was built with (`createLinter({ contributors })`), never filled by an import. A project built
   * directly (`new Project(files)`) gets the built-in ones.
   */
  readonly contributors: readonly ProjectContributor[];
  private readonly indexes = new Map<string, unknown>();
  private readonly byPath = new Map<string, ParsedFile>();

  constructor(files: ParsedFile[], settings: ProjectSettings = {}, contributors: readonly ProjectContributor[] = builtInContributors) {
    this.files = files;
    this.settings = settings;
    this.contributors = contributors;
    for (const f of files) this.byPath.set(f.path, f);
  }

  file(path: string): ParsedFile | undefined {
    return this.byPath.get(path);
  }

  filesOfKind(kind: ParsedFile['kind']): ParsedFile[] {
    return this.index(`kind:${kind}`, () => this.files.filter((f) => f.kind === kind && !f.errors.length));
  }

  /** A memoised index, so rules that need the same fact (keys set anywhere) compute it once per run. */
  index<T>(name: string, build: (project: Project) => T): T {
    if (this.indexes.has(name)) return this.indexes.get(name) as T;
    const value = build(this);
    this.indexes.set(name, value);
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
      for (const file of this.filesOfKind('flow')) for (const o of flowFacts(file).keysSet) add(o);
      for (const file of this.files) {
        if (file.errors.length) continue;
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
        for (const o of flowFacts(file).keysRead) {
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
