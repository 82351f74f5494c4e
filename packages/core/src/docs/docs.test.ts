import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../config/load.js';
import { builtInRules } from '../rules/index.js';
import { ruleDocsUrl } from '../rules/rule.js';
import { renderRulesIndex } from './rules-index.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DOCS = join(ROOT, 'docs');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/** `docs/rules/<area>/<name>.md` → `area/name`. */
function rulePages(): string[] {
  const dir = join(DOCS, 'rules');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => f.endsWith('.md')).map((f) => `${d.name}/${f.slice(0, -3)}`))
    .sort();
}

/** The docs this test keeps honest (rule pages are their authors'; their links are checked too). */
const OWNED_DOCS = ['README.md', 'docs/api.md', 'docs/configuration.md', 'docs/editor-support.md', 'docs/migrating-from-spectral.md', 'docs/rules/README.md'];

describe('rules index and rule pages', () => {
  it('docs/rules/README.md is generated from rule meta (run `npm run docs` when this fails)', () => {
    expect(read('docs/rules/README.md')).toBe(renderRulesIndex(builtInRules));
  });

  it('every rule has a doc page and every page has a rule', () => {
    const ids = builtInRules.map((r) => r.meta.id).sort();
    const pages = rulePages();
    expect(ids.filter((id) => !pages.includes(id)), 'rules without docs/rules/<area>/<name>.md').toEqual([]);
    expect(pages.filter((p) => !ids.includes(p)), 'doc pages without a rule').toEqual([]);
  });

  it("every rule's docs url is its page", () => {
    for (const r of builtInRules) expect(r.meta.docs.url, r.meta.id).toBe(ruleDocsUrl(r.meta.id));
  });
});

describe('docs stay true', () => {
  const RULE_ID = /`((?:participant-data|flow|call-data|data-action|terraform)\/[a-z0-9-]+)`/g;

  it("docs/configuration.md names every option the `strict` preset turns on, with its rule and value", () => {
    const presets = read('docs/configuration.md').split('### Presets')[1]?.split('\n## ')[0] ?? '';
    const strict = presets.split('- **`strict`**')[1]?.split('\n- **')[0] ?? '';
    const withStrict = builtInRules.filter((r) => r.meta.strictOptions);
    expect(withStrict.length).toBeGreaterThan(0);
    for (const r of withStrict) {
      for (const [key, value] of Object.entries(r.meta.strictOptions!)) {
        expect(strict, `${r.meta.id} ${key}`).toContain(`\`${r.meta.id}\``);
        expect(strict, `${r.meta.id} ${key}`).toContain(`\`${key}: ${JSON.stringify(value)}\``);
      }
    }
  });

  it('every rule id the docs name exists', () => {
    const ids = new Set(builtInRules.map((r) => r.meta.id));
    for (const doc of OWNED_DOCS) {
      const named = [...read(doc).matchAll(RULE_ID)].map((m) => m[1]);
      expect(named.filter((id) => !ids.has(id)), doc).toEqual([]);
    }
  });

  it('relative links point at files that exist', () => {
    const docs = [...OWNED_DOCS, ...rulePages().map((p) => `docs/rules/${p}.md`)];
    for (const doc of docs) {
      const links = [...read(doc).matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]);
      const missing = links.filter((l) => !existsSync(resolve(dirname(join(ROOT, doc)), l)));
      expect(missing, doc).toEqual([]);
    }
  });
});

describe('docs/api.md', () => {
  const api = read('docs/api.md');
  const block = (marker: string) => {
    const m = new RegExp(`<!-- tested: ${marker} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(api);
    if (!m) throw new Error(`docs/api.md has no block marked <!-- tested: ${marker} -->`);
    return m[1];
  };

  it('its example runs against the built package and prints what the doc says', () => {
    const dist = join(ROOT, 'packages/core/dist/index.js');
    expect(existsSync(dist), 'build @cxlint/core first (npm test does)').toBe(true);
    // Run from the repository root so `@cxlint/core` resolves as an installed package would (workspace link → exports).
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', block('example')], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd()).toBe(block('output'));
  }, 60_000);
});

describe('editor support', () => {
  const GITHUB_RAW = 'https://github.com/cxlint/cxlint/raw/main/';

  it('every schema the docs point editors at is a file in packages/schema/schemas', () => {
    const urls = [...read('docs/editor-support.md').matchAll(/https:\/\/github\.com\/cxlint\/cxlint\/raw\/main\/[^\s"'`)]+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of new Set(urls)) {
      const path = url.slice(GITHUB_RAW.length);
      expect(path).toMatch(/^packages\/schema\/schemas\/[a-z-]+\.schema\.json$/);
      expect(existsSync(join(ROOT, path)), path).toBe(true);
    }
  });

  it('the example config has a modeline to the config schema, and is valid', () => {
    const file = join(ROOT, 'examples/.cxlint.yml');
    const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(file, 'utf8'));
    expect(modeline).not.toBeNull();
    const target = resolve(dirname(file), modeline![1]);
    expect(relative(ROOT, target)).toBe(join('packages', 'schema', 'schemas', 'cxlint-config.schema.json'));
    expect(existsSync(target)).toBe(true);
    expect(() => loadConfigFile(file, builtInRules)).not.toThrow();
  });
});
