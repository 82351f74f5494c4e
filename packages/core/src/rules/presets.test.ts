import { describe, expect, it } from 'vitest';
import { presetRules } from '../config/resolve.js';
import { lintFiles } from '../lint.js';
import { builtInRules } from './index.js';

const FLOW = 'workflow:\n  name: {{flow_name}}\n  defaultLanguage: en-us\n';

describe('presets', () => {
  it('strict turns on every rule with its strictOptions; recommended and all keep the defaults', () => {
    const strict = presetRules('strict', builtInRules);
    const recommended = presetRules('recommended', builtInRules);
    const all = presetRules('all', builtInRules);
    expect(strict.size).toBe(builtInRules.length);
    expect(strict.get('flow/substitution-unquoted')!.options).toEqual({ onlyBreaking: false });
    expect(strict.get('data-action/json-escape')!.options).toEqual({ checkSchemaSafeInputs: true });
    expect(strict.get('call-data/handles-failure')!.options).toEqual({ checkFireAndForget: true });
    expect(strict.get('flow/variable-scope')!.options).toEqual({ checkCase: true });
    expect(strict.get('data-action/participant-attributes')!.options).toEqual({ checkTemplatedKeys: true });
    expect(recommended.get('flow/substitution-unquoted')!.options).toEqual({ onlyBreaking: true });
    expect(all.get('flow/substitution-unquoted')!.options).toEqual({ onlyBreaking: true });
    // Every strictOptions key is an option the rule's schema accepts.
    for (const r of builtInRules) {
      for (const k of Object.keys(r.meta.strictOptions ?? {})) expect((r.meta.schema?.properties as Record<string, unknown>)?.[k], `${r.meta.id} ${k}`).toBeDefined();
    }
  });

  it('an unquoted substitution nothing is known about: quiet in recommended, reported in strict', () => {
    const run = (preset: 'recommended' | 'strict') => lintFiles([{ path: 'flow.yaml', text: FLOW }], { config: { extends: preset } })[0].messages.map((m) => m.ruleId);
    expect(run('recommended')).not.toContain('flow/substitution-unquoted');
    expect(run('strict')).toContain('flow/substitution-unquoted');
  });
});
