import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse/parse-file.js';
import { Project } from './project.js';
import { callDataFlow, dataActionJson } from '../testing/data-action-fixtures.js';
import { bodyJson, dataActionIndex, dataActionOf, dataActionsOf, findDataActions, participantAttributeEntries, stripExportSuffix, templateRange } from './data-actions.js';
import { callDataActions, outcomeHasActions } from './call-data.js';
import { prepareTerraform } from '../parse/terraform.js';

const TF = [
  'resource "genesyscloud_integration_action" "set_reason" {',
  '  name           = "Set Reason"',
  '  category       = "Genesys Cloud Data Actions"',
  '  integration_id = var.integration_id',
  '  config_request {',
  '    request_url_template = "/api/v2/conversations/$${input.conversationId}/participants/$${input.participantId}/attributes"',
  '    request_type         = "PATCH"',
  '    request_template     = "{\\"attributes\\": {\\"callbackReason\\": \\"$${input.reason}\\", \\"$${input.key}\\": \\"x\\"}}"',
  '  }',
  '}',
  '',
].join('\n');

const file = (text: string, path = 'a.json') => parseFile(path, text);

describe('data-action model', () => {
  it('strips the export suffix flows do not use', () => {
    expect(stripExportSuffix('Update Participant Data on Conversation - Exported 2024-10-28 @ 16:06')).toBe('Update Participant Data on Conversation');
    expect(stripExportSuffix('Limitless - Get Contact v1 - Exported 2021-06-21 @ 8:42')).toBe('Limitless - Get Contact v1');
    expect(stripExportSuffix('Plain - name')).toBe('Plain - name');
  });

  it('reads the parts with nodes, once per file', () => {
    const f = file(dataActionJson({ name: 'X - Exported 2024-01-02 @ 03:04', method: 'patch', body: '{"a": 1}' }));
    const d = dataActionOf(f)!;
    expect(d.baseName).toBe('X');
    expect(d.requestType).toBe('PATCH');
    expect(d.body?.text).toBe('{"a": 1}');
    expect(dataActionOf(f)).toBe(d);
    expect(dataActionOf(parseFile('f.yaml', 'inboundCall:\n  name: x\n'))).toBeUndefined();
  });

  it('maps template indexes to the file through JSON escapes', () => {
    const f = file(dataActionJson({ body: '{\n"k": "\\u00e9 ${input.x}"}' }));
    const d = dataActionOf(f)!;
    const at = d.body!.text.indexOf('${input.x}');
    const [a, b] = templateRange(f, d.body!, at, at + '${input.x}'.length);
    expect(f.source.text.slice(a, b)).toBe('${input.x}');
  });

  it('parses the body in branch variants and keeps the first that parses', () => {
    const d = dataActionOf(file(dataActionJson({ body: '{#if($a)"a": 1#else"b": 2#end}' })))!;
    const j = bodyJson(d.body!);
    expect(j.variants.map((v) => [v.choice, v.parse.ok])).toEqual([['first', true], ['last', true], ['all', false]]);
    expect(j.parsed).toBeDefined();
  });

  it('indexes data actions by the name flows use, and finds them case-insensitively', () => {
    const project = new Project([file(dataActionJson({ name: 'Get Queue - Exported 2024-10-28 @ 16:06' })), file(dataActionJson({ name: 'Other' }), 'b.json')]);
    const index = dataActionIndex(project);
    expect([...index.byName.keys()]).toEqual(['Get Queue', 'Other']);
    expect(findDataActions(index, 'get queue')).toHaveLength(1);
    expect(findDataActions(index, 'Missing')).toEqual([]);
    expect(dataActionIndex(project)).toBe(index);
  });

  it('reports literal participant-attribute keys as set, with the range of the key inside the JSON string', () => {
    const text = dataActionJson({
      method: 'PATCH',
      url: '/api/v2/conversations/${input.conversationId}/participants/${input.participantId}/attributes',
      body: '{"attributes": {"callbackReason": "$esc.jsonString(${input.r})", "${input.k}": "v"}}',
    });
    const f = file(text);
    const entries = participantAttributeEntries(dataActionOf(f)!)!.entries;
    expect(entries.map((e) => e.literalKey)).toEqual(['callbackReason', undefined]);
    const set = new Project([f]).participantKeysSet();
    const occ = set.get('callbackReason')!;
    expect(occ).toHaveLength(1);
    expect(occ[0].origin).toBe('data-action');
    expect(text.slice(occ[0].range[0], occ[0].range[1])).toBe('callbackReason');
    expect(set.size).toBe(1);
  });
});

describe('participant keys set by Terraform data actions', () => {
  it('reads literal keys of a participant-attributes PATCH in request_template ($${ unescaped)', async () => {
    const f = parseFile('main.tf', TF, 'terraform', await prepareTerraform('main.tf', TF));
    const set = new Project([f]).participantKeysSet();
    expect([...set.keys()]).toEqual(['callbackReason']);
    const [occ] = set.get('callbackReason')!;
    expect([occ.origin, TF.slice(occ.range[0], occ.range[1])]).toEqual(['terraform', 'callbackReason']);
  });
});

describe('call-data model', () => {
  it('reads category, action, inputs and outputs, and skips settingsActionDefaults', () => {
    const flow = callDataFlow('Lookup State', 'inputs:\n  a:\n    exp: Call.Ani\nsuccessOutputs:\n  conversation.id:\n    var: Flow.c\nfailureOutputs:\n  errorCode:\n    noValue: true', {
        outputs: 'failure:\n  actions:\n    - disconnect:\n        name: D\ntimeout:\n  actions: []',
      }).replace('inboundCall:\n', 'inboundCall:\n  settingsActionDefaults:\n    callData:\n      processingPrompt:\n        noValue: true\n');
    const [call, ...rest] = callDataActions(parseFile('f.yaml', flow));
    expect(rest).toEqual([]);
    expect([call.category, call.actionName, call.label]).toEqual(['PureCloud Data Actions', 'Lookup State', 'Look up']);
    expect(call.inputs.map((e) => [e.name, e.value?.kind])).toEqual([['a', 'exp']]);
    expect(call.successOutputs.map((e) => e.name)).toEqual(['conversation.id']);
    expect(call.failureOutputs.map((e) => e.name)).toEqual(['errorCode']);
    expect([outcomeHasActions(call, 'failure'), outcomeHasActions(call, 'timeout'), outcomeHasActions(call, 'success')]).toEqual([true, false, false]);
  });

  it('leaves substitution and Terraform-template names unknown', () => {
    const a = callDataActions(parseFile('f.yaml', callDataFlow('{{data_action_name}}', 'inputs:\n  {{in}}:\n    exp: Call.Ani', { category: '{{data_action_category}}' })))[0];
    expect([a.category, a.actionName, a.inputs[0].name]).toEqual([undefined, undefined, undefined]);
    const b = callDataActions(parseFile('f.yaml', callDataFlow('${dataAction}-data-action', 'inputs: {}', { category: '${dataAction}-Lambda' })))[0];
    expect([b.category, b.actionName]).toEqual([undefined, undefined]);
  });
});

describe('one data-action model for JSON and Terraform', () => {
  it('reads a genesyscloud_integration_action like the exported JSON, with ranges in the .tf file', async () => {
    const f = parseFile('main.tf', TF, 'terraform', await prepareTerraform('main.tf', TF));
    const [def] = dataActionsOf(f);
    expect(def.origin).toBe('terraform');
    expect([def.name, def.requestType]).toEqual(['Set Reason', 'PATCH']);
    expect(def.body?.text).toBe('{"attributes": {"callbackReason": "${input.reason}", "${input.key}": "x"}}');
    const i = def.body!.text.indexOf('${input.reason}');
    expect(TF.slice(...templateRange(f, def.body!, i, i + '${input.reason}'.length))).toBe('$${input.reason}');
    expect(participantAttributeEntries(def)?.entries.map((e) => e.literalKey)).toEqual(['callbackReason', undefined]);
  });

  it('lets a flow find a Terraform-defined action by name (with its templates, for call-data rules)', async () => {
    const f = parseFile('main.tf', TF, 'terraform', await prepareTerraform('main.tf', TF));
    const index = dataActionIndex(new Project([f]));
    const [def] = findDataActions(index, 'set reason');
    expect(def.path).toBe('main.tf');
    // What flows need of the action, as a plain fact: its key input, and no tree of the .tf file.
    expect(def.keyInputs).toEqual(['key']);
    expect(JSON.parse(JSON.stringify(def))).toEqual(def);
  });

  it('leaves a template written as an expression unknown', async () => {
    const text = TF.replace(/request_template\s+= ".*"/, 'request_template     = var.body');
    const f = parseFile('main.tf', text, 'terraform', await prepareTerraform('main.tf', text));
    expect(dataActionsOf(f)[0].body).toBeUndefined();
  });
});
