import { describe, expect, it } from 'vitest';
import { summaryMarkup } from './summary.js';

describe('summaryMarkup', () => {
  it('escapes repository content in the HTML table and renders backticks as code', () => {
    const { heading, html } = summaryMarkup({
      findings: [{ path: 'flows/<b>.yaml', ruleId: 'participant-data/literal-key', severity: 2, message: 'key `<script>x</script>` bad', line: 3, column: 1, endLine: 4, endColumn: 2, fingerprint: 'f' }],
      filesLinted: 1,
      notes: ['read-only <token>', 'every file under `paths` is linted'],
      verdict: 'The step fails.',
    });
    expect(heading).toBe('cxlint: 1 error, 0 warnings');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<code>&lt;script&gt;x&lt;/script&gt;</code>');
    expect(html).toContain('<code>flows/&lt;b&gt;.yaml</code>');
    expect(html).toContain('<td>3–4</td>');
    expect(html).toContain('read-only &lt;token&gt;');
    // Notes render backticks as code too, like the messages (they showed as raw backticks).
    expect(html).toContain('every file under <code>paths</code> is linted');
  });

  it('shows related places under the message, escaped', () => {
    const { html } = summaryMarkup({
      findings: [{ path: 'flows/r.yaml', ruleId: 'x/y', severity: 1, message: 'see the related location', line: 1, column: 1, endLine: 1, endColumn: 2, fingerprint: 'f', related: [{ path: 'flows/<w>.yaml', line: 11, column: 5, message: 'Set by `{{k}}`.' }] }],
      filesLinted: 1, notes: [], verdict: 'v',
    });
    expect(html).toContain('<td>see the related location<br>Related: flows/&lt;w&gt;.yaml:11:5: Set by <code>{{k}}</code>.</td>');
  });
});
