import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, positionOf, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './translation-map.js';

const tester = new RuleTester({ describe, it });
const response = (translationMap: Record<string, string>, successTemplate = '${rawResult}') =>
  dataActionJson({ method: 'GET', translationMap, successTemplate });

tester.run(rule, {
  valid: [
    { name: 'rawResult', code: response({}) },
    { name: 'mapped names', code: response({ state: '$.participants[0].callbacks[0].state' }, '{"state": ${state}}') },
    {
      name: 'filters with double and single quotes, recursive descent, slices',
      code: response(
        {
          id: '$.participants[?(@.purpose =="customer")].id',
          ids: "$..participants[?(@.purpose == 'acd' && @.sessions[0].flowInType == 'agent')].participantId",
          last: '$.participants[?(@.state==\'connected\')].messages[-1000:].messageId',
        },
        '{"id": ${successTemplateUtils.firstFromArray("${id}", "$esc.quote$esc.quote")}, "ids": ${ids}, "last": ${last}}',
      ),
    },
    { name: 'Jayway functions (length(), size())', code: response({ n: '$.participants.length()', m: '$.size()' }, '{"n": ${n}, "m": ${m}}') },
    { name: 'bracket notation without $ (Jayway prepends it)', code: response({ d: "['participants'][?(@.purpose=='external')].direction" }, '${d}') },
    { name: 'input and tools in the template', code: response({}, '{"id": "${input.conversationId}", "n": $math.add(1, 2)}') },
    { name: '#set and #foreach variables', code: response({ xs: '$.items' }, '#set($n = 0)[#foreach($x in $xs)$x#end, $n]') },
  ],
  invalid: [
    {
      name: 'an unbalanced bracket, pointed at inside the JSON string',
      code: response({ state: '$.participants[0.state' }, '{"state": ${state}}'),
      errors: [
        {
          messageId: 'badPathNeverClosed',
          message: 'Translation map `state`: `$.participants[0.state` is not a valid JsonPath (`[` is never closed).',
          ...positionOf(response({ state: '$.participants[0.state' }), '[0.state'),
          suggestions: null,
        },
      ],
    },
    {
      name: 'a broken filter expression',
      code: response({ id: '$.participants[?(@.purpose ==)].id' }, '${id}'),
      errors: [{ messageId: 'badPathFilter', message: /its filter expression does not parse: "[^"]+"\.$/, ...positionOf(response({ id: '$.participants[?(@.purpose ==)].id' }), '@.purpose') }],
    },
    {
      name: 'an unknown function',
      code: response({ n: '$.participants.count()' }, '${n}'),
      errors: [{ messageId: 'badPathFunction', message: /`count\(\)` is not a JsonPath function; known: `min\(\)`, /}],
    },
    { name: 'an empty path', code: response({ n: '' }, '${n}'), errors: [{ messageId: 'badPathEmpty', message: 'Translation map `n`: the path is empty.' }] },
    {
      name: 'a template variable with no translation-map key, with the closest key suggested',
      code: response({ state: '$.state' }, '{"state": ${stat}}'),
      errors: [
        {
          messageId: 'unmapped',
          message:
            '`${stat}` in successTemplate is not a translationMap key (keys: `state`); Velocity prints it as the literal text `${stat}` and the output fails the success schema.',
          ...positionOf(response({ state: '$.state' }, '{"state": ${stat}}'), '${stat}'),
          suggestions: [{ messageId: 'useKey', desc: 'Use the translationMap key `state`.', output: response({ state: '$.state' }, '{"state": ${state}}') }],
        },
      ],
    },
    {
      name: 'a variable nested in a tool call, with an empty map',
      code: response({}, '{"id": ${successTemplateUtils.firstFromArray("${ids}")}}'),
      errors: [{ messageId: 'unmappedEmptyMap', message: /`\$\{ids\}` .* \(the map is empty\)/, suggestions: null }],
    },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, fixes and suggestions written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

tester.run(
  rule,
  await terraformCases({
    valid: [
      { name: 'Terraform: a mapped name', code: dataActionTf({ translationMap: { state: '$.state' }, successTemplate: '{"state": ${state}}' }) },
      { name: 'Terraform: `${var.x}` is Terraform interpolation, not Velocity', code: dataActionTf({ translationMap: { state: '$.state' }, successTemplate: '{"state": ${state}}' }).replace('$${state}}"', () => '$${state}, \\"env\\": \\"${var.env}\\"}"') },
    ],
    invalid: [
      {
        name: 'Terraform: a path without `$`, at the character in the HCL string',
        code: dataActionTf({ translationMap: { state: '.state' } }),
        errors: [{ messageId: 'badPathStart', ...positionOf(dataActionTf({ translationMap: { state: '.state' } }), '.state"') }],
      },
      {
        name: 'Terraform: an unmapped name in success_template, suggestion written with $${',
        code: dataActionTf({ translationMap: { state: '$.state' }, successTemplate: '{"state": ${stat}}' }),
        errors: [
          {
            messageId: 'unmapped',
            ...positionOf(dataActionTf({ translationMap: { state: '$.state' }, successTemplate: '{"state": ${stat}}' }), '$${stat}'),
            suggestions: [{ messageId: 'useKey', output: dataActionTf({ translationMap: { state: '$.state' }, successTemplate: '{"state": ${state}}' }) }],
          },
        ],
      },
    ],
  }),
);
