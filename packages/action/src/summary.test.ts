import { describe, expect, it } from 'vitest';
import { summaryMarkup } from './summary.js';

describe('summaryMarkup', () => {
  it('escapes repository content in the HTML table and renders backticks as code', () => {
    const { heading, html } = summaryMarkup({
      findings: [{ path: 'flows/<b>.yaml', ruleId: 'participant-data/literal-key', severity: 2, message: 'key `<script>x</script>` bad', line: 3, column: 1, endLine: 4, endColumn: 2, fingerprint: 'f' }],
      filesLinted: 1,
      notes: ['read-only <token>'],
      verdict: 'The step fails.',
    });
    expect(heading).toBe('cxlint: 1 error, 0 warnings');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<code>&lt;script&gt;x&lt;/script&gt;</code>');
    expect(html).toContain('<code>flows/&lt;b&gt;.yaml</code>');
    expect(html).toContain('<td>3–4</td>');
    expect(html).toContain('read-only &lt;token&gt;');
  });
});
