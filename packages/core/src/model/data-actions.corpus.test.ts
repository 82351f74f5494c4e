/**
 * The call-data and data-action rules on the real corpus (`<repo root>/../shared/corpus`): each public repository
 * is linted as its own project (the way a user runs cxlint), nothing crashes or fails to parse, and every finding
 * is one we looked at and judged a real defect. The list pins them: a new finding (or a lost one) fails here and
 * has to be looked at. False positives found this way have regression cases in the rules' own tests (array
 * success schemas, JsonPath without `$`, Jayway functions, `#end}` in templates, Genesys ids in URLs).
 */
import { existsSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInRules, findFiles, lintFilesAsync, readSourceFile, type LintInput } from '../index.js';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));
const present = existsSync(CORPUS);

const REAL_DEFECTS = [
  // call-data/handles-failure: outputs are read but the failure/timeout paths have no actions, so on failure the flow carries on with them NOT_SET.
  // (Calls whose success outputs are all `noValue: true` — Callback-Prioritization-Workflow.yaml:235,
  // SendEmailWorkflow.yaml:69, Switch to Web Messaging via SMS.yaml:165 — are fire-and-forget: not reported; nor
  // are 10 calls whose outputs are read only inside their own success path, e.g. CacheExampleFlow.yaml:87, which
  // keeps Task.AgentsIdle's default on failure on purpose.)
  'GenesysCloudBlueprints__automated-callback-blueprint/files/automated-powershell-script/flows/Proactive callback workbin.yaml:51:23 call-data/handles-failure',
  'GenesysCloudBlueprints__terminate-voice-calls-with-no-queue/terraform-with-pbx/modules/flow/terminate-outbound-call-missing-queue-with-pstn-call-leg-check.yaml:69:13 call-data/handles-failure',
  // data-action/json-escape: free-form string inputs (message text, descriptions, dates, phone numbers, data-table field names) printed inside JSON strings without $esc.jsonString.
  'GenesysCloudBlueprints__automatic-offer-callback-for-disconnected-call/exports/Create-Callback.json:10:86 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/blueprint/exports/Get-Waiting-Calls-in-specific-Queue-based-on-External-Tag.custom.json:10:47 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/blueprint/exports/Get-Waiting-Calls-in-specific-Queue-based-on-External-Tag.custom.json:10:66 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/blueprint/exports/Get-Waiting-Calls-in-specific-Queue-based-on-External-Tag.custom.json:10:1062 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/blueprint/exports/Replace-participant-with-ANI.custom.json:12:47 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/blueprint/exports/Update-External-Tag-on-Conversation.custom.json:12:51 data-action/json-escape',
  'GenesysCloudBlueprints__limitless-flows-blueprint/blueprint/DataActions/Limitless---Shorten-Link-v1-2021062184350.custom.json:13:44 data-action/json-escape',
  'GenesysCloudBlueprints__negative-sentiment-callback/exports/Create-Scheduled-Callback.custom.json:10:94 data-action/json-escape',
  'GenesysCloudBlueprints__negative-sentiment-callback/exports/Create-Scheduled-Callback.custom.json:10:180 data-action/json-escape',
  'GenesysCloudBlueprints__negative-sentiment-callback/exports/Send-Chat-Group-Notification.custom.json:10:43 data-action/json-escape',
  'GenesysCloudBlueprints__negative-sentiment-callback/exports/Send-Chat-Group-Notification.custom.json:10:78 data-action/json-escape',
  'GenesysCloudBlueprints__process-automation-trigger-with-salesforce/exports/create-case.json:10:81 data-action/json-escape',
  'GenesysCloudBlueprints__process-automation-trigger-with-salesforce/exports/create-case.json:10:119 data-action/json-escape',
  'GenesysCloudBlueprints__scheduling-bot-blueprint/exports/CreateBookingDataAction.json:10:99 data-action/json-escape',
  'GenesysCloudBlueprints__scheduling-bot-blueprint/exports/CreateBookingDataAction.json:10:143 data-action/json-escape',
  'GenesysCloudBlueprints__scheduling-bot-blueprint/exports/GetBookableSlotsDataAction.json:10:96 data-action/json-escape',
  'GenesysCloudBlueprints__switch-voice-to-web-messaging/exports/Send Agentless Outbound Message.custom.json:10:51 data-action/json-escape',
  'GenesysCloudBlueprints__switch-voice-to-web-messaging/exports/Send Agentless Outbound Message.custom.json:10:95 data-action/json-escape',
  'GenesysCloudBlueprints__switch-voice-to-web-messaging/exports/Send Agentless Outbound Message.custom.json:10:150 data-action/json-escape',
  'GenesysCloudBlueprints__switch-voice-to-web-messaging/exports/Send Agentless Outbound Message.custom.json:10:204 data-action/json-escape',
  'GenesysCloudBlueprints__terminate-voice-calls-with-no-queue/exports/Put-Conversation-Tag.custom.json:13:51 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/Create-Callback-Extended-with-Data.json:10:57 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/Create-Callback-Extended-with-Data.json:10:242 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/Create-Callback-Extended-with-Data.json:10:360 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/Create-Callback-Extended-with-Data.json:10:919 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/Create-Callback-Extended-with-Data.json:10:973 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/Create-Callback-Extended-with-Data.json:10:1032 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/Create-Callback-Extended-with-Data.json:10:1098 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/Create-Callback-Extended-with-Data.json:10:1157 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:44 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:112 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:144 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:233 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:265 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:354 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:386 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:514 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:662 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:810 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:921 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:1032 data-action/json-escape',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/Update-Data-Table-Row.json:13:1143 data-action/json-escape',
  'GenesysCloudDevOps__servicenow-create-inc-data-action-module/Create-INC.json:12:53 data-action/json-escape',
  // data-action/url-escape: inputs in URLs without $esc.url (a `+` in `q=${input.phone}` becomes a space; API keys and free text carry `/?#&+`); Get-Data-Table-Row prints `.replace(' ', '%20')` literally into the URL.
  'GenesysCloudBlueprints__limitless-flows-blueprint/blueprint/DataActions/Limitless---Accept-Message-to-SmartCrowd-v1-20220330141510.custom.json:7:129 data-action/url-escape',
  'GenesysCloudBlueprints__limitless-flows-blueprint/blueprint/DataActions/Limitless---Get-Contact-By-Phone-from-Genesys-v1-2021062184240.custom.json:7:66 data-action/url-escape',
  'GenesysCloudBlueprints__limitless-flows-blueprint/blueprint/DataActions/Limitless---Get-Message-Ids-From-Chat-Conv-By-Id-And-MsgId-from-Genesys-v1-20210721153212.custom.json:7:126 data-action/url-escape',
  'GenesysCloudBlueprints__limitless-flows-blueprint/blueprint/DataActions/Limitless---Get-Message-Ids-From-Chat-Conv-By-Id-from-Genesys-v1-20210721153255.custom.json:7:101 data-action/url-escape',
  'GenesysCloudBlueprints__limitless-flows-blueprint/blueprint/DataActions/Limitless---Peek-Full-Event-from-SmartCrowd-v1-20220330141741.custom.json:7:141 data-action/url-escape',
  'GenesysCloudBlueprints__limitless-flows-blueprint/blueprint/DataActions/Limitless---Submit-CSAT-Score-to-SmartCrowd-v1-20220330141620.custom.json:7:127 data-action/url-escape',
  'GenesysCloudBlueprints__limitless-flows-blueprint/blueprint/DataActions/Limitless---Submit-CSAT-Testimonial-to-SmartCrowd-v1-20220330141647.custom.json:7:134 data-action/url-escape',
  'GenesysCloudBlueprints__limitless-flows-blueprint/blueprint/DataActions/Limitless---Submit-FollowUp-Dialogue-to-SmartCrowd-v1-2021062184330.custom.json:7:128 data-action/url-escape',
  'GenesysCloudDevOps__public-api-get-data-table-row-data-action-module/Get-Data-Table-Row.json:7:100 data-action/url-escape',
  // data-action/participant-attributes: the public Set-Participant-Attribute module prints `$!{input.value}` (free
  // text) unescaped in the attribute's value (an error, owned by this rule; its templated key is strict-only).
  'GenesysCloudDevOps__public-api-set-participant-attribute-data-action-module/Set-Participant-Attribute.json:10:68 data-action/participant-attributes',
  // Issue 13, data actions written in Terraform (`genesyscloud_integration_action`): the same rules, the same
  // model. json-escape and participant-attributes: the Terraform twins of the exported actions above, flagged for
  // the same unescaped inputs. translation-map: `.total` has no `$` root (as in JSON). The provider's own examples
  // (`resource.tf`, `simplest_resource.tf`): `${input.service}` in the URL is neither declared in contract_input nor
  // escaped, and success_template writes `name`/`build`, which contract_output (no additionalProperties) lacks.
  'GenesysCloudBlueprints__architect-flow-public-api-blueprint/blueprint/files/modules/data-actions/main.tf:56:39 data-action/translation-map',
  'GenesysCloudBlueprints__automatic-offer-callback-for-disconnected-call/terraform/modules/actions/create-callback/create-callback.tf:28:89 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/terraform/modules/data-actions/get-waiting-calls-in-specific-queue-based-on-external-tag/get-waiting-calls-in-specific-queue-based-on-external-tag.tf:54:49 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/terraform/modules/data-actions/get-waiting-calls-in-specific-queue-based-on-external-tag/get-waiting-calls-in-specific-queue-based-on-external-tag.tf:54:69 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/terraform/modules/data-actions/get-waiting-calls-in-specific-queue-based-on-external-tag/get-waiting-calls-in-specific-queue-based-on-external-tag.tf:54:1067 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/terraform/modules/data-actions/replace-participant-with-ani/replace-participant-with-ani.tf:29:49 data-action/json-escape',
  'GenesysCloudBlueprints__genesys-cloud-call-park/terraform/modules/data-actions/update-external-tag-on-conversation/update-external-tag-on-conversation.tf:23:53 data-action/json-escape',
  'GenesysCloudBlueprints__negative-sentiment-callback/terraform/modules/actions/create-scheduled-callback/create-scheduled-callback.tf:35:96 data-action/json-escape',
  'GenesysCloudBlueprints__negative-sentiment-callback/terraform/modules/actions/create-scheduled-callback/create-scheduled-callback.tf:35:184 data-action/json-escape',
  'GenesysCloudBlueprints__negative-sentiment-callback/terraform/modules/actions/send-chat-group-notif/send-chat-group-notif.tf:28:45 data-action/json-escape',
  'GenesysCloudBlueprints__negative-sentiment-callback/terraform/modules/actions/send-chat-group-notif/send-chat-group-notif.tf:28:81 data-action/json-escape',
  'GenesysCloudBlueprints__process-automation-trigger-with-salesforce/terraform/modules/action/create-case/create-case.tf:39:84 data-action/json-escape',
  'GenesysCloudBlueprints__process-automation-trigger-with-salesforce/terraform/modules/action/create-case/create-case.tf:39:123 data-action/json-escape',
  'GenesysCloudBlueprints__scheduling-bot-blueprint/modules/data-actions/create-booking/create-booking.tf:39:101 data-action/json-escape',
  'GenesysCloudBlueprints__scheduling-bot-blueprint/modules/data-actions/create-booking/create-booking.tf:39:146 data-action/json-escape',
  'GenesysCloudBlueprints__scheduling-bot-blueprint/modules/data-actions/get-bookable-slots/get-bookable-slots.tf:57:98 data-action/json-escape',
  'GenesysCloudBlueprints__send-email-notification-when-outbound-message-fails-blueprint/terraform/data_actions/data-actions.tf:53:48 data-action/json-escape',
  'GenesysCloudBlueprints__send-email-notification-when-outbound-message-fails-blueprint/terraform/data_actions/data-actions.tf:53:105 data-action/json-escape',
  'GenesysCloudBlueprints__send-email-notification-when-outbound-message-fails-blueprint/terraform/data_actions/data-actions.tf:53:163 data-action/json-escape',
  'GenesysCloudBlueprints__send-email-notification-when-outbound-message-fails-blueprint/terraform/data_actions/data-actions.tf:53:203 data-action/json-escape',
  'GenesysCloudBlueprints__switch-voice-to-web-messaging/terraform/modules/actions/send-agentless-outbound-message/send-agentless-outbound-message.tf:44:53 data-action/json-escape',
  'GenesysCloudBlueprints__switch-voice-to-web-messaging/terraform/modules/actions/send-agentless-outbound-message/send-agentless-outbound-message.tf:44:98 data-action/json-escape',
  'GenesysCloudBlueprints__switch-voice-to-web-messaging/terraform/modules/actions/send-agentless-outbound-message/send-agentless-outbound-message.tf:44:154 data-action/json-escape',
  'GenesysCloudBlueprints__switch-voice-to-web-messaging/terraform/modules/actions/send-agentless-outbound-message/send-agentless-outbound-message.tf:44:209 data-action/json-escape',
  'GenesysCloudBlueprints__terminate-voice-calls-with-no-queue/terraform-with-pbx/modules/actions/put-conversation-tag/put-conversation-tag.tf:27:53 data-action/json-escape',
  'GenesysCloudBlueprints__terminate-voice-calls-with-no-queue/terraform-without-pbx/modules/actions/put-conversation-tag/put-conversation-tag.tf:27:53 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/main.tf:70:63 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/main.tf:70:249 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/main.tf:70:367 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/main.tf:70:927 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/main.tf:70:982 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/main.tf:70:1042 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/main.tf:70:1109 data-action/json-escape',
  'GenesysCloudDevOps__public-api-create-callback-extended-with-data-data-action-module/main.tf:70:1169 data-action/json-escape',
  'GenesysCloudDevOps__public-api-set-participant-attribute-data-action-module/main.tf:32:75 data-action/participant-attributes',
  'GenesysCloudDevOps__public-api-update-data-table-row-data-action-module/main.tf:19:46 data-action/json-escape',
  'GenesysCloudDevOps__servicenow-create-inc-data-action-module/main.tf:30:59 data-action/json-escape',
  'MyPureCloud__terraform-provider-genesyscloud/examples/resources/genesyscloud_integration_action/resource.tf:48:75 data-action/input-undeclared',
  'MyPureCloud__terraform-provider-genesyscloud/examples/resources/genesyscloud_integration_action/resource.tf:48:75 data-action/url-escape',
  'MyPureCloud__terraform-provider-genesyscloud/examples/resources/genesyscloud_integration_action/resource.tf:63:27 data-action/success-template',
  'MyPureCloud__terraform-provider-genesyscloud/examples/resources/genesyscloud_integration_action/resource.tf:63:52 data-action/success-template',
  'MyPureCloud__terraform-provider-genesyscloud/examples/resources/genesyscloud_integration_action/simplest_resource.tf:46:75 data-action/input-undeclared',
  'MyPureCloud__terraform-provider-genesyscloud/examples/resources/genesyscloud_integration_action/simplest_resource.tf:46:75 data-action/url-escape',
  'MyPureCloud__terraform-provider-genesyscloud/examples/resources/genesyscloud_integration_action/simplest_resource.tf:61:27 data-action/success-template',
  'MyPureCloud__terraform-provider-genesyscloud/examples/resources/genesyscloud_integration_action/simplest_resource.tf:61:52 data-action/success-template',
];

const MINE = /^(call-data|data-action)\//;
const rules = builtInRules.filter((r) => MINE.test(r.meta.id));

(present ? describe : describe.skip)(
  present ? 'call-data and data-action rules on the real corpus' : 'call-data and data-action rules on the real corpus: SKIPPED, ../shared/corpus not found next to the repository',
  () => {
    it('every finding is a known real defect, with no crash or parse error', async () => {
      const findings: string[] = [];
      const problems: string[] = [];
      const repos = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
      for (const repo of repos) {
        const inputs: LintInput[] = findFiles([repo], CORPUS).files.map((abs) => ({ path: relative(CORPUS, abs).split('\\').join('/'), text: readSourceFile(abs).text }));
        const config = { extends: [], rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'warn' as const])) };
        for (const r of await lintFilesAsync(inputs, { rules: builtInRules, config })) {
          for (const m of r.messages) {
            if (m.fatal || m.ruleId === null || /^Internal error/.test(m.message)) problems.push(`${r.filePath}:${m.line} ${m.message}`);
            else findings.push(`${r.filePath}:${m.line}:${m.column} ${m.ruleId}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(findings.sort()).toEqual([...REAL_DEFECTS].sort());
    }, 120_000);
  },
);
