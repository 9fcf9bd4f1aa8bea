// Issue 9: the configuration's TypeScript types are generated from its JSON schema, and stay in step with it and
// with the library types that app/config/to-construct-props.ts builds from them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  AppConfig,
  ChannelConfig,
  ConditionConfig,
  RouteConfig,
  SuppressionRuleConfig,
} from '../../app/config/app-config';
import { schemaProblems } from '../../app/config/schema-problems';
import {
  generateConfigTypes,
  OUTPUT,
  readSchema,
  REFRESH_COMMAND,
  typeNameOf,
} from '../../scripts/generate-config-types.mjs';
import type { AlertRoute } from '../../packages/construct-library/src/alerts/alert-route';
import type { ProtectionPlans } from '../../packages/construct-library/src/detector/protection-plans';
import type {
  FindingCriterion,
  SuppressionRuleOptions,
} from '../../packages/construct-library/src/detector/suppression-rule';

type Node = Record<string, unknown>;

describe('app/config/app-config.generated.ts', () => {
  it(`is what the schema generates (${REFRESH_COMMAND})`, async () => {
    const committed = fs.readFileSync(OUTPUT, 'utf8');
    const generated = await generateConfigTypes();
    // The message comes first; the diff below it shows what the schema changed.
    expect(
      committed,
      `${path.basename(OUTPUT)} does not match guardduty.config.schema.json: run ${REFRESH_COMMAND}`,
    ).toBe(generated);
  });

  it('changes when the schema does, so that the check above can fail', async () => {
    const schema = readSchema();
    const changed = structuredClone(schema) as { properties: Node };
    changed.properties.extraField = { type: 'string', description: 'A field added to the schema.' };
    const generated = await generateConfigTypes(changed);
    expect(generated).toContain('/** A field added to the schema. */\n  extraField?: string;');
    expect(generated).not.toBe(await generateConfigTypes(schema));
  });

  it('names the types after the titles of the schema', async () => {
    expect(typeNameOf('Email channel')).toBe('EmailChannel');
    expect(typeNameOf('SNS channel')).toBe('SnsChannel');
    const generated = await generateConfigTypes();
    for (const name of [
      'AppConfig',
      'ChannelConfig',
      'RouteConfig',
      'SuppressionRuleConfig',
      'ConditionConfig',
    ]) {
      expect(generated).toMatch(new RegExp(`^export (?:interface|type) ${name}\\b`, 'm'));
    }
    expect(generated).toMatch(/^\/\/ Generated from guardduty\.config\.schema\.json by /);
  });
});

describe('the generated types', () => {
  it('make a channel a union discriminated by its type', () => {
    expectTypeOf<ChannelConfig['type']>().toEqualTypeOf<'email' | 'slack' | 'teams' | 'webhook' | 'sns'>();
    expectTypeOf<Extract<ChannelConfig, { type: 'slack' }>>().toEqualTypeOf<{
      type: 'slack';
      slackWorkspaceId: string;
      slackChannelId: string;
    }>();
    expectTypeOf<Extract<ChannelConfig, { type: 'email' }>>().not.toHaveProperty('topicArn');
    // A field of another channel type is refused by the schema too.
    expect(
      schemaProblems({
        alerts: {
          channels: { m: { type: 'email', topicArn: 'arn:aws:sns:us-east-1:111122223333:t' } },
          routes: [{ name: 'r', channels: ['m'] }],
        },
      }),
    ).toEqual([
      'alerts.channels.m.topicArn does not apply to an email channel. Remove it, or change the type.',
    ]);
  });

  it('give routes, conditions and protection plans the fields of the library types they become', () => {
    // to-construct-props.ts copies a route field by field into an AlertRoute (channels and severity converted).
    expectTypeOf<Omit<RouteConfig, 'channels' | 'severity'>>().toExtend<
      Omit<AlertRoute, 'channels' | 'severity'>
    >();
    expectTypeOf<keyof RouteConfig>().toEqualTypeOf<keyof AlertRoute>();
    // ...and a condition, with its field name, into a FindingCriterion, whose equalTo and notEqualTo are the file's
    // equals and notEquals (jsii refuses a member named equals).
    type Renamed = { equals: 'equalTo'; notEquals: 'notEqualTo' };
    type AsCriterion = {
      [K in keyof ConditionConfig as K extends keyof Renamed ? Renamed[K] : K]: ConditionConfig[K];
    };
    expectTypeOf<AsCriterion & { field: string }>().toExtend<FindingCriterion>();
    expectTypeOf<keyof AsCriterion>().toEqualTypeOf<Exclude<keyof FindingCriterion, 'field'>>();
    expectTypeOf<Omit<SuppressionRuleConfig, 'criteria'>>().toExtend<
      Omit<SuppressionRuleOptions, 'criteria'>
    >();
    expectTypeOf<NonNullable<AppConfig['protectionPlans']>>().toExtend<ProtectionPlans>();
    expectTypeOf<keyof NonNullable<AppConfig['protectionPlans']>>().toEqualTypeOf<keyof ProtectionPlans>();
  });
});
