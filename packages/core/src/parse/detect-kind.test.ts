import { describe, expect, it } from 'vitest';
import { detectKind, isCandidatePath, extensionOf } from './detect-kind.js';

describe('detectKind', () => {
  it('recognises Archy flows by their top-level flow-type key', () => {
    for (const type of ['inboundCall', 'inqueueCall', 'inboundShortMessage', 'workflow', 'commonModule', 'botFlow', 'digitalBot']) {
      expect(detectKind('f.yaml', `${type}:\n  name: X\n`), type).toBe('flow');
    }
    expect(detectKind('f.YML', '# comment\ninboundEmail:\n  name: X\n')).toBe('flow');
  });

  it('ignores other YAML (workflows, compose files, indented keys, wrong case)', () => {
    expect(detectKind('ci.yml', 'on: push\njobs:\n  build: {}\n')).toBe('unknown');
    expect(detectKind('f.yaml', 'config:\n  inboundCall:\n    x: 1\n')).toBe('unknown');
    expect(detectKind('f.yaml', 'inQueueCall:\n  name: X\n')).toBe('unknown'); // Archy's key is inqueueCall
  });

  it('recognises exported data actions by contract and request config', () => {
    const action = JSON.stringify({ name: 'A', contract: { input: {} }, config: { request: { requestType: 'GET' } } });
    expect(detectKind('a.json', action)).toBe('data-action');
    expect(detectKind('package.json', '{"name": "x", "version": "1.0.0"}')).toBe('unknown');
    expect(detectKind('a.json', '{"contract": {}}')).toBe('unknown');
  });

  it('recognises Terraform files that use the Genesys provider', () => {
    expect(detectKind('main.tf', 'resource "genesyscloud_flow" "f" {}')).toBe('terraform');
    expect(detectKind('main.tf', 'resource "aws_s3_bucket" "b" {}')).toBe('unknown');
  });

  it('picks candidate paths by extension only', () => {
    expect(['a.yaml', 'a.yml', 'a.json', 'a.tf', 'A.YAML'].map(isCandidatePath)).toEqual([true, true, true, true, true]);
    expect(['a.md', 'yaml', 'dir.yaml/file', 'a.tfvars'].map(isCandidatePath)).toEqual([false, false, false, false]);
    expect(extensionOf('dir.d/file')).toBe('');
  });
});
