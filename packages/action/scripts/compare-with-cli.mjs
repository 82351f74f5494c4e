// CI: the action's SARIF (from `uses: ./` on the committed bundle) must hold exactly the CLI's findings on the
// same files, and no "Internal error" (a dependency missing from the bundle shows up as one per file).
// Usage: node compare-with-cli.mjs <action.sarif> <cli.json>
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

const [sarifFile, cliFile] = process.argv.slice(2);
if (!sarifFile || !cliFile) {
  console.error('Usage: node compare-with-cli.mjs <action.sarif> <cli.json>');
  process.exit(2);
}
const key = (path, line, endLine, severity, ruleId, message) => JSON.stringify([path, line, Math.max(line, endLine ?? line), severity, ruleId ?? null, message]);
const posix = (p) => (isAbsolute(p) ? relative(process.cwd(), p) : p).split(sep).join('/');

const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
const action = sarif.runs[0].results
  .map((r) => {
    const p = r.locations[0].physicalLocation;
    return key(decodeURI(p.artifactLocation.uri), p.region.startLine, p.region.endLine, r.level === 'error' ? 2 : 1, r.ruleId, r.message.text);
  })
  .sort();
const cli = JSON.parse(readFileSync(cliFile, 'utf8'))
  .flatMap((r) => r.messages.map((m) => key(posix(r.filePath), m.line, m.endLine, m.severity, m.ruleId, m.message)))
  .sort();

let failed = false;
const internal = action.filter((k) => /Internal error|Cannot find module/.test(k));
if (internal.length) {
  failed = true;
  for (const k of internal) console.log(`::error::The action reported an internal error: ${k}`);
}
const onlyAction = action.filter((k) => !cli.includes(k));
const onlyCli = cli.filter((k) => !action.includes(k));
for (const k of onlyAction) console.log(`::error::Only the action reported ${k}`);
for (const k of onlyCli) console.log(`::error::Only the CLI reported ${k}`);
if (onlyAction.length || onlyCli.length || !cli.length) failed = true;
console.log(`action: ${action.length} finding(s), CLI: ${cli.length} finding(s)${failed ? '' : ', identical'}.`);
process.exit(failed ? 1 : 0);
