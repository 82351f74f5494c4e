import type { Rule } from '../rules/rule.js';

/** The generated header: `npm run docs` rewrites the file, a test fails when it is stale. */
export const RULES_INDEX_HEADER = '<!-- Generated from rule meta by `npm run docs`; do not edit by hand. -->';

const AREA_TITLES: Record<string, string> = {
  'participant-data': 'Participant data',
  flow: 'Flows',
  'call-data': 'Call Data actions in flows',
  'data-action': 'Data action definitions',
  terraform: 'Terraform (CX as Code)',
};

/**
 * `docs/rules/README.md`: every rule, grouped by area, from its `meta` (the ESLint way: indexes come from
 * metadata, never from a list kept by hand).
 */
export function renderRulesIndex(rules: readonly Rule[]): string {
  const byArea = new Map<string, Rule[]>();
  for (const r of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const area = r.meta.id.split('/')[0];
    byArea.set(area, [...(byArea.get(area) ?? []), r]);
  }
  const areas = [...byArea.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  let out = `${RULES_INDEX_HEADER}\n\n# Rules\n\n`;
  out += `${rules.length} rules. ✅ on in the \`recommended\` preset (with its severity) · 🔧 fixed by \`cxlint --fix\` · `;
  out += `💡 offers suggestions (applied by hand or from the PR review) · 🔗 reads other files of the repository.\n\n`;
  out += 'Turn a rule off or change its severity in `.cxlint.yml` (see [Configuration](../configuration.md)).\n';
  for (const area of areas) {
    out += `\n## ${AREA_TITLES[area] ?? area}\n\n| Rule | What it finds | ✅ | 🔧 | 💡 | 🔗 |\n|---|---|---|---|---|---|\n`;
    for (const r of byArea.get(area)!) {
      const m = r.meta;
      const name = m.id.slice(area.length + 1);
      out += `| [\`${m.id}\`](${area}/${name}.md) | ${escapeCell(m.description)} | ${m.docs.recommended ? m.severity : ''} | ${m.fixable ? '🔧' : ''} | ${m.hasSuggestions ? '💡' : ''} | ${m.crossFile ? '🔗' : ''} |\n`;
    }
  }
  return out;
}

function order(area: string): number {
  const i = Object.keys(AREA_TITLES).indexOf(area);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
