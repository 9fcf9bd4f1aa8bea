import { describe, expect, it } from 'vitest';
import { readRouteMetadata } from '../../cli/preview/route-metadata';
import { RouteMetadataFormat } from '../../packages/construct-library/src';

const rule = (metadata?: unknown) => ({
  Type: 'AWS::Events::Rule',
  Properties: {},
  ...(metadata !== undefined && {
    Metadata: { 'aws:cdk:path': 'Stack/Rule/Resource', [RouteMetadataFormat.KEY]: metadata },
  }),
});

describe('readRouteMetadata', () => {
  it('reads route, severity label, channels per target and forwarding', () => {
    const read = readRouteMetadata(
      rule({
        route: 'critical-to-chat',
        severityLabel: 'CRITICAL',
        targets: {
          Target0: { channel: 'security-mail', type: 'email' },
          Target1: { channel: 'ops-slack', type: 'slack' },
        },
        forwardTo: { stack: 'GuardDuty-us-east-1' },
      }),
    );
    expect(read.present).toBe(true);
    expect(read.route).toBe('critical-to-chat');
    expect(read.severityLabel).toBe('CRITICAL');
    expect([...read.targets]).toEqual([
      ['Target0', { channel: 'security-mail', type: 'email' }],
      ['Target1', { channel: 'ops-slack', type: 'slack' }],
    ]);
    expect(read.forwardTo).toEqual({ stack: 'GuardDuty-us-east-1' });
    expect(read.forwardToInvalid).toBe(false);
    expect(read.problems).toEqual([]);
  });

  it('reports nothing for a rule without the metadata, or without any Metadata', () => {
    for (const resource of [rule(), { Type: 'AWS::Events::Rule' }, { Metadata: null }, null, 'rule']) {
      const read = readRouteMetadata(resource);
      expect(read.present).toBe(false);
      expect(read.route).toBeUndefined();
      expect(read.targets.size).toBe(0);
      expect(read.forwardTo).toBeUndefined();
      expect(read.problems).toEqual([]);
    }
  });

  it('accepts partial metadata: every field is optional', () => {
    const read = readRouteMetadata(rule({ route: 'default' }));
    expect(read.present).toBe(true);
    expect(read.route).toBe('default');
    expect(read.severityLabel).toBeUndefined();
    expect(read.targets.size).toBe(0);
    expect(read.problems).toEqual([]);
    expect(
      readRouteMetadata(rule({ targets: { Target0: { channel: 'mail' } } })).targets.get('Target0'),
    ).toEqual({
      channel: 'mail',
      type: undefined,
    });
  });

  it('accepts the metadata as a JSON string', () => {
    expect(readRouteMetadata(rule(JSON.stringify({ route: 'r' }))).route).toBe('r');
  });

  it('ignores and reports fields of the wrong type', () => {
    const read = readRouteMetadata(
      rule({
        route: 42,
        severityLabel: '',
        targets: {
          Target0: 'mail',
          Target1: { type: 'email' },
          Target2: { channel: 'pager', type: 'pagerduty' },
          Target3: { channel: 'hook', type: 7 },
        },
      }),
    );
    expect(read.route).toBeUndefined();
    expect(read.severityLabel).toBeUndefined();
    expect([...read.targets.keys()]).toEqual(['Target2', 'Target3']);
    expect(read.targets.get('Target2')).toEqual({ channel: 'pager', type: 'pagerduty' });
    expect(read.targets.get('Target3')).toEqual({ channel: 'hook', type: undefined });
    expect(read.problems).toEqual([
      `Metadata["${RouteMetadataFormat.KEY}"].route is 42; expected a non-empty string.`,
      `Metadata["${RouteMetadataFormat.KEY}"].severityLabel is ""; expected a non-empty string.`,
      `Metadata["${RouteMetadataFormat.KEY}"].targets["Target0"] has no channel name; expected { "channel": "<name>", "type": "<type>" }.`,
      `Metadata["${RouteMetadataFormat.KEY}"].targets["Target1"] has no channel name; expected { "channel": "<name>", "type": "<type>" }.`,
      `Metadata["${RouteMetadataFormat.KEY}"].targets["Target2"].type is "pagerduty"; expected one of email, slack, teams, webhook, sns.`,
      `Metadata["${RouteMetadataFormat.KEY}"].targets["Target3"].type is 7; expected one of email, slack, teams, webhook, sns.`,
    ]);
  });

  it('reports metadata that is not an object, and targets that are not a map', () => {
    expect(readRouteMetadata(rule(['route'])).problems).toEqual([
      `Metadata["${RouteMetadataFormat.KEY}"] is ["route"]; expected an object.`,
    ]);
    expect(readRouteMetadata(rule({ targets: ['Target0'] })).problems).toEqual([
      `Metadata["${RouteMetadataFormat.KEY}"].targets is ["Target0"]; expected an object keyed by target Id.`,
    ]);
  });

  it('flags forwarding metadata that names no stack', () => {
    for (const forwardTo of ['us-east-1', { stack: '' }, { region: 'us-east-1' }, null]) {
      const read = readRouteMetadata(rule({ route: 'r', forwardTo }));
      expect(read.forwardTo).toBeUndefined();
      expect(read.forwardToInvalid).toBe(true);
      expect(read.problems[0]).toMatch(/forwardTo is .*; expected \{ "stack": "<stack artifact id>" \}\./);
    }
  });
});
